/** A `suara` subcommand. `run` returns the process exit code; it prints its own output. */
export interface Command {
  name: string;
  /** One line shown in `suara --help`. */
  summary: string;
  /** Full help text shown by `suara <name> --help`. */
  usage: string;
  run(args: string[]): Promise<number>;
}
