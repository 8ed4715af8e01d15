#!/usr/bin/env node
// Entry point: wires the process to the command; the only place that sets the exit code.
import { main } from '../dist/src/cli.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    process.stderr.write(`\ndr-migrate: ${signal} received, stopping after the file being written\n`);
    process.exitCode = 130;
    controller.abort();
  });
}

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdoutIsTTY: !!process.stdout.isTTY,
  stderrIsTTY: !!process.stderr.isTTY,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  stdin: process.stdin,
  stdinIsTTY: !!process.stdin.isTTY,
});
process.exitCode = controller.signal.aborted ? 130 : code;
