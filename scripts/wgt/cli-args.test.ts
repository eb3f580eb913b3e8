import { flagValue, parseCliArgs } from './cli-args';

describe('wgt command-line arguments', () => {
  it('reads positionals, valued flags (both spellings) and bare flags', () => {
    const a = parseCliArgs(['init', '--name', '银杏街道', '--code=110105001000', 'x.xlsx', '--dry-run', '--json']);
    expect(a.positionals).toEqual(['init', 'x.xlsx']);
    expect(flagValue(a, 'name')).toBe('银杏街道');
    expect(flagValue(a, 'code')).toBe('110105001000');
    expect(a.flags['dry-run']).toBe(true);
    expect(flagValue(a, 'json')).toBeUndefined();
  });
});
