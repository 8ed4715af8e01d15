#!/usr/bin/env node
// Entry point: wires the process to the command; the only place that sets the exit code.
import { main } from '../dist/src/cli.js';
import { removeTemporaryFiles } from '../dist/src/run/files.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (controller.signal.aborted) {
      // A second signal: stop now. Files not yet renamed into place keep their old text; drop their temporary copies.
      removeTemporaryFiles();
      process.stderr.write(`\ndr-migrate: ${signal} received again, stopped\n`);
      process.exit(130);
    }
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
