import { parseQrToken, tokenFromParams } from './qr-token';

describe('parseQrToken', () => {
  it('reads t= from the H5 hash URL printed on the poster', () => {
    expect(parseQrToken('https://wgt.example.cn/#/features/household/pages/scan/index?t=Qa1_b-2c')).toBe('Qa1_b-2c');
  });

  it('reads t= among other parameters', () => {
    expect(parseQrToken('https://x.cn/s?from=poster&t=abcd1234&v=2')).toBe('abcd1234');
  });

  it('reads a URL that arrives percent-encoded (WeChat q= parameter)', () => {
    expect(parseQrToken(encodeURIComponent('https://x.cn/#/scan?t=abcd1234'))).toBe('abcd1234');
  });

  it.each([null, '', 'https://x.cn/#/scan', 'hello', 'https://x.cn/?t=<script>', 'https://x.cn/?token=abcd1234', 'https://x.cn/?t=ab'])(
    'finds no token in %p',
    (text) => {
      expect(parseQrToken(text)).toBeNull();
    },
  );
});

describe('tokenFromParams', () => {
  it('prefers t', () => {
    expect(tokenFromParams({ t: 'abcd1234', q: encodeURIComponent('https://x.cn/?t=other999') })).toBe('abcd1234');
  });

  it('falls back to the URL in q', () => {
    expect(tokenFromParams({ q: encodeURIComponent('https://x.cn/#/p?t=other999') })).toBe('other999');
  });

  it('rejects a malformed t', () => {
    expect(tokenFromParams({ t: 'a b c d' })).toBeNull();
    expect(tokenFromParams({})).toBeNull();
  });
});
