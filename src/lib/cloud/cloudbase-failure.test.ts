import { failureOf } from './cloudbase-failure';

describe('failureOf (CloudBase callFunction errors)', () => {
  it('classifies a function that ran and failed as a server failure', () => {
    expect(failureOf({ errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' }).kind).toBe('server');
    expect(failureOf({ errMsg: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' }).kind).toBe('server');
  });

  it('classifies everything else (no connection, request timeout) as the network', () => {
    expect(failureOf({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' }).kind).toBe('network');
    expect(failureOf(new Error('socket hang up')).kind).toBe('network');
  });
});
