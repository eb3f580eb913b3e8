import { missingEnvMessage, readDeployEnv } from './deploy-env';

const FULL = {
  TCB_ENV_ID: 'wgt-prod-1',
  TCB_SECRET_ID: 'AKID-x',
  TCB_SECRET_KEY: 'key-x',
  WGT_BIND_URL_BASE: 'https://wgt.example.cn/b',
  WGT_SUBSCRIBE_TEMPLATES: 'request_status=AbC-123_x,notice_urgent=Zz9',
};

describe('readDeployEnv', () => {
  it('returns the settings when every required variable is set', () => {
    expect(readDeployEnv({ ...FULL })).toEqual({
      ok: true,
      value: { envId: 'wgt-prod-1', secretId: 'AKID-x', secretKey: 'key-x', bindUrlBase: 'https://wgt.example.cn/b', subscribeTemplates: 'request_status=AbC-123_x,notice_urgent=Zz9' },
    });
  });

  it('passes a temporary-credential token through when given', () => {
    const r = readDeployEnv({ ...FULL, TCB_TOKEN: 'sts-token' });
    expect(r.ok && r.value.token).toBe('sts-token');
  });

  it('lists every missing or blank variable', () => {
    expect(readDeployEnv({ TCB_ENV_ID: 'e', TCB_SECRET_KEY: '  ' })).toEqual({
      ok: false,
      missing: ['TCB_SECRET_ID', 'TCB_SECRET_KEY', 'WGT_BIND_URL_BASE', 'WGT_SUBSCRIBE_TEMPLATES'],
    });
  });

  it('stops on template ids it cannot read, and takes off for none', () => {
    const r = readDeployEnv({ ...FULL, WGT_SUBSCRIBE_TEMPLATES: 'request_status=ok1,request_stauts=x2' });
    expect(r).toEqual({ ok: false, missing: [], problems: [expect.stringContaining('unknown template "request_stauts"')] });
    expect(missingEnvMessage([], r.ok ? [] : (r.problems ?? []))).toContain('WGT_SUBSCRIBE_TEMPLATES: unknown template');
    expect(readDeployEnv({ ...FULL, WGT_SUBSCRIBE_TEMPLATES: 'off' }).ok).toBe(true);
  });
});

describe('missingEnvMessage', () => {
  it('names each missing variable in Chinese and English and points to the docs', () => {
    const text = missingEnvMessage(['TCB_SECRET_ID', 'TCB_SECRET_KEY']);
    expect(text).toContain('部署已停止');
    expect(text).toContain('Deploy stopped');
    expect(text).toMatch(/^ {2}TCB_SECRET_ID {2}— /m);
    expect(text).toMatch(/^ {2}TCB_SECRET_KEY {2}— /m);
    expect(text).not.toMatch(/^ {2}TCB_ENV_ID {2}— /m);
    expect(text).toContain('docs/DEPLOY.md');
  });
});
