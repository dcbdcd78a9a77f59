/** Where a command writes: results on `out` (stdout), notices and failures on `err` (stderr). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user presses Ctrl+C (the CLI then cancels what is waiting). */
  interrupted(): Promise<void>;
  /** stderr is a terminal (colour may be used there). */
  stderrIsTerminal?: boolean;
}
