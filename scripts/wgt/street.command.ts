import type { CliCommand } from './cli-args';

/** `npm run wgt -- street …`: see scripts/wgt.ts. */
export const command: CliCommand = async () => {
  console.error('该命令尚未提供 / not available in this version');
  return 2;
};
