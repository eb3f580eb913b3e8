import { IMAGE_MAX_BYTES, photoProblem, pickFailureOf } from './photo-rules';

describe('photoProblem', () => {
  it('accepts JPEG and PNG by type or by extension', () => {
    expect(photoProblem({ path: 'blob:http://x/1', size: 1000, mime: 'image/png' })).toBeNull();
    expect(photoProblem({ path: 'blob:http://x/1', size: 1000, mime: 'image/jpeg' })).toBeNull();
    expect(photoProblem({ path: 'wxfile://tmp_1.JPG', size: 1000, mime: null })).toBeNull();
    expect(photoProblem({ path: 'http://tmp/a.jpeg?x=1', size: 1000, mime: null })).toBeNull();
  });

  it('refuses other image types by type or by extension', () => {
    expect(photoProblem({ path: 'blob:http://x/1', size: 1000, mime: 'image/gif' })).toBe('只支持 JPG 或 PNG 格式的图片');
    expect(photoProblem({ path: 'wxfile://tmp_1.heic', size: 1000, mime: null })).toBe('只支持 JPG 或 PNG 格式的图片');
  });

  it('refuses a photo over 5 MB', () => {
    expect(photoProblem({ path: 'a.jpg', size: IMAGE_MAX_BYTES + 1, mime: null })).toContain('5MB');
  });

  it('leaves a photo with neither type nor extension to the server', () => {
    expect(photoProblem({ path: 'blob:http://x/1', size: 10, mime: null })).toBeNull();
  });
});

describe('pickFailureOf', () => {
  it('tells a closed picker from a refused permission from a failure', () => {
    expect(pickFailureOf({ errMsg: 'chooseMedia:fail cancel' })).toBe('cancelled');
    expect(pickFailureOf({ errMsg: 'chooseMedia:fail auth deny' })).toBe('denied');
    expect(pickFailureOf({ errMsg: 'chooseLocation:fail system permission denied' })).toBe('denied');
    expect(pickFailureOf({ errMsg: 'chooseLocation:fail privacy agreement not authorized' })).toBe('denied');
    expect(pickFailureOf(new Error('disk full'))).toBe('failed');
  });
});
