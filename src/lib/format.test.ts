import { formatPhone, gridLabel, surnameOf } from './format';

describe('formatPhone', () => {
  it('groups a mobile number 3-4-4 for reading aloud', () => {
    expect(formatPhone('13800001234')).toBe('138 0000 1234');
  });

  it('leaves landlines as written', () => {
    expect(formatPhone('0571-87654321')).toBe('0571-87654321');
  });
});

describe('surnameOf', () => {
  it('takes the first character, including a rare one outside the BMP', () => {
    expect(surnameOf('王建国')).toBe('王');
    expect(surnameOf('𠮷野')).toBe('𠮷');
    expect(surnameOf('  ')).toBe('?');
  });
});

describe('gridLabel', () => {
  it('prefixes the community unless the grid name already has it', () => {
    expect(gridLabel('东湖社区', '第3网格')).toBe('东湖社区 · 第3网格');
    expect(gridLabel('东湖社区', '东湖社区第3网格')).toBe('东湖社区第3网格');
  });
});
