/** Arguments of a `wgt` command: positionals in order, `--flag value` and bare `--flag` (true). */
export interface CliArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

/** A subcommand: gets its arguments, prints its report, returns the exit code. */
export type CliCommand = (args: CliArgs) => Promise<number>;

export function parseCliArgs(argv: string[]): CliArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 2) {
        flags[a.slice(2, eq)] = a.slice(eq + 1);
      } else {
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('--')) {
          flags[a.slice(2)] = next;
          i++;
        } else {
          flags[a.slice(2)] = true;
        }
      }
    } else {
      positionals.push(a);
    }
  }
  return { positionals, flags };
}

/** A flag's string value, or undefined (a bare flag has none). */
export function flagValue(args: CliArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}
