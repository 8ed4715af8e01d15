// What a command talks to: its output streams, environment and working directory (passed in, so tests need no process).

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM: the write phase stops between files. */
  readonly signal?: AbortSignal;
  /** Where --interactive reads its answers; it never prompts unless this is a terminal. */
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdinIsTTY?: boolean;
}
