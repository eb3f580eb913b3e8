import { parseTemplateIds } from '../../server/use-cases/messages/message-config';

/**
 * What a production deploy needs from the environment. Checked before anything talks to Tencent Cloud,
 * so a missing credential stops the deploy with a list of what to set instead of an SDK stack trace.
 */

export const REQUIRED_ENV = {
  TCB_ENV_ID: '云开发环境 ID / CloudBase environment id (e.g. wgt-prod-1a2b3c)',
  TCB_SECRET_ID: '腾讯云 API 密钥 SecretId / Tencent Cloud API SecretId',
  TCB_SECRET_KEY: '腾讯云 API 密钥 SecretKey / Tencent Cloud API SecretKey',
  WGT_BIND_URL_BASE: '网格二维码链接前缀（https，已配置“扫普通链接二维码打开小程序”）/ base URL the grid QR codes encode',
  WGT_SUBSCRIBE_TEMPLATES:
    '订阅消息模板 ID，如 request_status=<id>,request_confirm=<id>,…；填 off 表示只发站内消息 / subscribe-message template ids per template, or off',
} as const;

export const OPTIONAL_ENV = {
  TCB_TOKEN: '临时密钥的 Token（使用 STS 临时密钥时）/ session token when using temporary STS credentials',
} as const;

export type RequiredEnvName = keyof typeof REQUIRED_ENV;

export interface DeployEnv {
  envId: string;
  secretId: string;
  secretKey: string;
  token?: string;
  bindUrlBase: string;
  subscribeTemplates: string;
}

/** Exit code for "not configured": distinct from 1 (a deploy step failed). */
export const EXIT_NOT_CONFIGURED = 2;

export function readDeployEnv(env: NodeJS.ProcessEnv): { ok: true; value: DeployEnv } | { ok: false; missing: RequiredEnvName[]; problems?: string[] } {
  const get = (name: string) => (env[name] ?? '').trim();
  const missing = (Object.keys(REQUIRED_ENV) as RequiredEnvName[]).filter((name) => get(name) === '');
  if (missing.length > 0) return { ok: false, missing };
  const { problems } = parseTemplateIds(get('WGT_SUBSCRIBE_TEMPLATES'));
  if (problems.length > 0) return { ok: false, missing: [], problems: problems.map((p) => `WGT_SUBSCRIBE_TEMPLATES: ${p}`) };
  const token = get('TCB_TOKEN');
  return {
    ok: true,
    value: {
      envId: get('TCB_ENV_ID'),
      secretId: get('TCB_SECRET_ID'),
      secretKey: get('TCB_SECRET_KEY'),
      ...(token ? { token } : {}),
      bindUrlBase: get('WGT_BIND_URL_BASE'),
      subscribeTemplates: get('WGT_SUBSCRIBE_TEMPLATES'),
    },
  };
}

export function missingEnvMessage(missing: RequiredEnvName[], problems: string[] = []): string {
  const lines = [
    missing.length
      ? '部署已停止：缺少以下环境变量。 / Deploy stopped: these environment variables are not set.'
      : '部署已停止：以下环境变量有误。 / Deploy stopped: these environment variables are wrong.',
    '',
    ...missing.map((name) => `  ${name}  — ${REQUIRED_ENV[name]}`),
    ...problems.map((p) => `  ${p}`),
    '',
    '可选 / Optional:',
    ...Object.entries(OPTIONAL_ENV).map(([name, what]) => `  ${name}  — ${what}`),
    '',
    '示例 / Example:',
    '  TCB_ENV_ID=… TCB_SECRET_ID=… TCB_SECRET_KEY=… WGT_BIND_URL_BASE=https://… WGT_SUBSCRIBE_TEMPLATES=off npm run deploy',
    '',
    '详见 / See docs/DEPLOY.md.',
  ];
  return lines.join('\n');
}
