import { bufferedConsoleLogger } from './local-deps';

describe('bufferedConsoleLogger', () => {
  it('writes info lines together, and everything waiting before an error', () => {
    jest.useFakeTimers();
    const writes: string[] = [];
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const log = bufferedConsoleLogger('[w] ');
      log.info('GET /a', 200);
      log.info('GET /b');
      expect(writes).toEqual([]);
      jest.advanceTimersByTime(60);
      expect(writes).toEqual(['[w] GET /a 200\n[w] GET /b\n']);
      log.info('GET /c');
      log.error('boom');
      expect(writes).toEqual(['[w] GET /a 200\n[w] GET /b\n', '[w] GET /c\n']);
      expect(err).toHaveBeenCalledWith('[w] boom');
      for (let i = 0; i < 200; i++) log.info(`line ${i}`);
      expect(writes).toHaveLength(3);
    } finally {
      out.mockRestore();
      err.mockRestore();
      jest.useRealTimers();
    }
  });
});
