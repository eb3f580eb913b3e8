/**
 * `npm run wgt -- street init --name <名称> --code <12位街道代码> [--district <区>] [--admin-name <姓名>] --admin-mobile <手机号> [--qr <文件.svg>] [--cloud]`
 *
 * Creates the street and its first administrator (an unbound person holding street_staff + street_admin) and
 * prints a one-time invitation: the code, the link, and a QR image (`--qr`, else invitation-<code>.svg in the
 * current directory).
 * The administrator opens the link in WeChat (or the local H5), enters the code and the last 4 digits of the
 * mobile given here, and becomes the street's admin. No password, no hard-coded account.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { qrOf, redeemLink } from '../../server/use-cases/people/invitation-code';
import { initStreet } from '../../server/use-cases/people/init-street';
import { flagValue, type CliCommand } from './cli-args';
import { openTarget, withTarget } from './target';

const USAGE = '用法: npm run wgt -- street init --name <街道名称> --code <12位街道代码> --admin-mobile <手机号> [--district <区>] [--admin-name <姓名>] [--qr <二维码文件.svg>] [--cloud]';

export const command: CliCommand = async (args) => {
  if (args.positionals[0] !== 'init') {
    console.error(USAGE);
    return 2;
  }
  const name = flagValue(args, 'name');
  const code = flagValue(args, 'code');
  if (!name || !code) {
    console.error(USAGE);
    return 2;
  }
  return withTarget(openTarget, args, (line) => console.error(line), '未创建', async (target) => {
    // Links keep to the origin people open (WGT_PUBLIC_URL locally, the bind URL's origin in the cloud).
    const result = await initStreet(target.deps, target.deps.clock.now(), {
      name, code, district: flagValue(args, 'district'), adminName: flagValue(args, 'admin-name'), adminMobile: flagValue(args, 'admin-mobile'),
    });
    const link = redeemLink(target.deps.config.bindUrlBase, result.invitation.code);
    const file = resolve(process.cwd(), flagValue(args, 'qr') ?? `invitation-${code}.svg`);
    writeFileSync(file, qrOf(link).svg);
    console.log(`已创建街道「${name}」（${code}）→ ${target.kind === 'cloud' ? `云开发环境 ${target.where}` : target.where}`);
    console.log(`第一位管理员的邀请码: ${result.invitation.code}（${result.invitation.expiresAt.slice(0, 10)} 前有效，只能使用一次）`);
    console.log(`邀请链接: ${link}`);
    console.log(`二维码图片: ${file}`);
    console.log('请管理员打开链接（或在小程序「我的 → 我有邀请码」）输入邀请码和手机号后四位。');
    return 0;
  });
};
