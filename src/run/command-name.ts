// The command as the user runs it, named in every hint: `npx dr-migrate` when the run came through npx (issue 17).

/** What a hint tells the user to type; messages built where no Io is at hand take it as an argument. */
export const DEFAULT_COMMAND = 'dr-migrate';

/** How the user runs the tool: through npx (npm exec) or as installed. */
export function commandName(io: { readonly env: NodeJS.ProcessEnv }): string {
  return io.env.npm_command === 'exec' ? `npx ${DEFAULT_COMMAND}` : DEFAULT_COMMAND;
}
