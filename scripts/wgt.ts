/**
 * `npm run wgt -- <command> …`: the street office's command line. Every command works on the local data
 * folder (WGT_DATA_DIR, default ./data) or, with `--cloud`, on the CloudBase environment of the deploy
 * credentials (TCB_ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY; see docs/DEPLOY.md).
 *
 * Commands (each lives in scripts/wgt/<name>.command.ts; one not yet provided says so and exits 2):
 *   street init --name <名称> --code <12 位街道代码>     create a street and its first administrator's invitation
 *   import template --out street.xlsx                    write the register template
 *   import <file> [--dry-run] [--json]                   check, then apply, a register file
 *   calendar import <year> --file <path> [--dry-run]    load a year of 放假/调休 (CSV, JSON or chinese-days)
 *   calendar list                                        years loaded, where from, when
 *   assessment recount [--fix] [--street <id>]           rebuild the 考核 counters from the requests, report (and fix) differences
 *
 * Exit codes: 0 done, 1 refused or failed (the report says why), 2 not configured / bad usage.
 */
import { parseCliArgs, type CliCommand } from './wgt/cli-args';

const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  street: () => import('./wgt/street.command'),
  import: () => import('./wgt/import.command'),
  calendar: () => import('./wgt/calendar.command'),
  assessment: () => import('./wgt/assessment.command'),
};

const USAGE = `用法 / usage: npm run wgt -- <${Object.keys(COMMANDS).join(' | ')}> …（见 scripts/wgt.ts 与 README）`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    console.error(USAGE);
    return 2;
  }
  const { command } = await load();
  return command(parseCliArgs(rest));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('命令失败:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
