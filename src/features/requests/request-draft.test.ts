import { CONSENT_DEFAULT, KEY_LENGTH, PHOTO_KEEP_MS, checkFile, checkSubmit, emptyDraft, isBlank, newIdempotencyKey, restoreDraft, toFileInput, toSubmitInput, type RequestDraft } from './request-draft';

const FILE_ID = '0123456789abcdef0123456789abcdef';

function filled(patch: Partial<RequestDraft> = {}): RequestDraft {
  return { ...emptyDraft(), categoryId: 'cat-1', description: '楼道里的灯坏了三天了', ...patch };
}

describe('newIdempotencyKey', () => {
  it('is 24 letters and digits, the shape the function accepts', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(key).toHaveLength(KEY_LENGTH);
  });

  it('differs from one form to the next', () => {
    expect(new Set(Array.from({ length: 50 }, () => newIdempotencyKey())).size).toBe(50);
  });

  it('stays inside the alphabet even when the random source returns its upper bound', () => {
    expect(newIdempotencyKey(() => 0.9999999999)).toBe('9'.repeat(24));
    expect(newIdempotencyKey(() => 0)).toBe('A'.repeat(24));
  });
});

describe('restoreDraft', () => {
  const now = Date.parse('2026-03-10T08:00:00.000Z');

  it('gives back what was kept, key included', () => {
    const kept = filled({ key: 'Abc123Abc123Abc123Abc123', photos: [{ fileId: FILE_ID, preview: 'wxfile://a.jpg' }], photosAt: now - 1000, hideName: true });
    const restored = restoreDraft(JSON.parse(JSON.stringify(kept)), now);
    expect(restored).toEqual({ draft: kept, photosDropped: false });
  });

  it('drops photos old enough to have been purged, and says so', () => {
    const kept = filled({ photos: [{ fileId: FILE_ID, preview: 'x' }], photosAt: now - PHOTO_KEEP_MS - 1 });
    const restored = restoreDraft(kept, now);
    expect(restored?.photosDropped).toBe(true);
    expect(restored?.draft.photos).toEqual([]);
    expect(restored?.draft.description).toBe(kept.description);
  });

  it.each([null, 'text', {}, { key: 'short' }, { key: 'has spaces in it!!!!!!!' }])('refuses %p as a draft', (raw) => {
    expect(restoreDraft(raw, now)).toBeNull();
  });

  it('replaces malformed fields with empty ones instead of trusting them', () => {
    const restored = restoreDraft({ key: 'Abc123Abc123Abc123Abc123', description: 42, photos: [{ fileId: 1 }], location: { latitude: 'x' }, source: 'other' }, now);
    expect(restored?.draft).toMatchObject({ description: '', photos: [], location: null, source: 'patrol', consentNote: CONSENT_DEFAULT });
  });
});

describe('isBlank', () => {
  it('is true for a fresh form and false once anything is typed or picked', () => {
    expect(isBlank(emptyDraft())).toBe(true);
    expect(isBlank({ ...emptyDraft(), address: '3栋' })).toBe(false);
    expect(isBlank({ ...emptyDraft(), categoryId: 'c' })).toBe(false);
  });
});

describe('toSubmitInput', () => {
  it('trims text and leaves out empty optional fields', () => {
    const input = toSubmitInput(filled({ description: '  楼道里的灯坏了三天了 ', address: '  ', callbackPhone: '' }));
    expect(input).toEqual({ idempotencyKey: expect.any(String), categoryId: 'cat-1', description: '楼道里的灯坏了三天了', photoFileIds: [], hideName: false });
  });

  it('sends the kept key, the photos and the typed address and phone', () => {
    const d = filled({ key: 'K'.repeat(24), photos: [{ fileId: FILE_ID, preview: 'p' }], address: '3栋2单元', callbackPhone: '13800001111' });
    expect(toSubmitInput(d)).toMatchObject({ idempotencyKey: 'K'.repeat(24), photoFileIds: [FILE_ID], address: '3栋2单元', callbackPhone: '13800001111' });
  });
});

describe('checkSubmit', () => {
  it('passes a complete form', () => {
    expect(checkSubmit(filled())).toEqual({});
  });

  it('asks for a category and a description of at least 5 characters', () => {
    const errors = checkSubmit({ ...emptyDraft(), description: '灯坏了' });
    expect(errors.category).toBe('请选择诉求类别');
    expect(errors.description).toContain('至少需要5个字');
  });

  it('refuses a description over 500 characters and a malformed callback phone', () => {
    const errors = checkSubmit(filled({ description: '字'.repeat(501), callbackPhone: '12345' }));
    expect(errors.description).toContain('不能超过500个字');
    expect(errors.callbackPhone).toContain('回电号码');
  });
});

describe('toFileInput / checkFile', () => {
  it('sends the resident and consent only for a proxy filing', () => {
    const patrol = toFileInput(filled({ gridId: 'g1', source: 'patrol', residentName: '李大爷' }));
    expect(patrol).not.toHaveProperty('residentName');
    expect(patrol).not.toHaveProperty('hideName');
    const proxy = toFileInput(filled({ gridId: 'g1', source: 'proxy', residentName: '李大爷' }));
    expect(proxy).toMatchObject({ gridId: 'g1', source: 'proxy', residentName: '李大爷', consentNote: CONSENT_DEFAULT });
  });

  it('asks for the grid, and for the resident name on a proxy filing', () => {
    expect(checkFile(filled({ source: 'proxy' }))).toMatchObject({ grid: '请选择网格', residentName: '请填写居民姓名' });
    expect(checkFile(filled({ gridId: 'g1', source: 'patrol' }))).toEqual({});
  });
});
