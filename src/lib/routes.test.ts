import { ROUTES, safeRedirect, withQuery } from './routes';

describe('withQuery', () => {
  it('encodes values and leaves out empty ones', () => {
    expect(withQuery('/a/b', { t: 'x y', empty: '', none: undefined, n: 3 })).toBe('/a/b?t=x%20y&n=3');
    expect(withQuery('/a/b', {})).toBe('/a/b');
  });
});

describe('safeRedirect', () => {
  it('keeps a page of this app with its query', () => {
    const target = withQuery(ROUTES.scan, { t: 'tok_123' });
    expect(safeRedirect(encodeURIComponent(target))).toBe('/features/household/pages/scan/index?t=tok_123');
  });

  it.each(['https://evil.example/x', '//evil.example', 'javascript:alert(1)', '/other/page', '%E0%A4%A'])('sends %p home instead', (r) => {
    expect(safeRedirect(r)).toBe(ROUTES.home);
  });

  it('goes home when there is no redirect', () => {
    expect(safeRedirect(undefined)).toBe(ROUTES.home);
  });
});
