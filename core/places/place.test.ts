import { boundaryText, householdAddress } from './place';

describe('boundaryText', () => {
  it('names every side the register gives, in the order 东南西北', () => {
    expect(boundaryText({ east: '东湖路', south: '和平街', west: '友谊巷', north: '长江大道' })).toBe('东至东湖路，南至和平街，西至友谊巷，北至长江大道');
  });
  it('leaves out the sides the register leaves empty, and is empty when it names none', () => {
    expect(boundaryText({ east: '东湖路', south: ' ', west: '', north: '长江大道' })).toBe('东至东湖路，北至长江大道');
    expect(boundaryText({ east: '', south: '', west: '', north: '' })).toBe('');
  });
});

describe('householdAddress', () => {
  it('reads as a Chinese address', () => {
    expect(householdAddress({ name: '东亭社区' }, { name: '1号楼' }, { unit: 2, room: '301' })).toBe('东亭社区1号楼2单元301室');
  });
});
