import { maskName, maskPhone, PHONE_PATTERN } from './phone';

describe('masking personal data', () => {
  it('keeps the first three and last four digits of a phone', () => {
    expect(maskPhone('13900001234')).toBe('139****1234');
    expect(maskPhone('0710-8000001')).toBe('071****0001');
  });
  it('keeps the surname of a name', () => {
    expect(maskName('王建国')).toBe('王**');
    expect(maskName('李明')).toBe('李*');
  });
  it('accepts mobiles and landlines', () => {
    expect(PHONE_PATTERN.test('13800001234')).toBe(true);
    expect(PHONE_PATTERN.test('010-12345678')).toBe(true);
    expect(PHONE_PATTERN.test('23800001234')).toBe(false);
  });
});
