#!/usr/bin/env node
// Entry point: wires the process to the command; the only place that sets the exit code.
import { statSync } from 'node:fs';
import module from 'node:module';

// Node 22 and later keep V8's compiled code of this file between runs; Node 20 has no such cache and skips this.
module.enableCompileCache?.();

// The bundle (npm run build) loads a few files instead of hundreds of modules; tsc's output is used when it is newer,
// i.e. after a tsc-only build. The bundle's code, and the packages it loads, go through the command's own compile
// cache (src/run/compile-cache.ts, on every Node version): a run no longer compiles Babel and TypeScript anew.
const built = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = built('../dist/bundle/cjs/cli.js') >= built('../dist/src/cli/main.js');
let compileCache;
let command;
if (bundled) {
  const require = module.createRequire(import.meta.url);
  compileCache = require('../dist/bundle/cjs/compile-cache.js').enableCommandCompileCache(process.env);
  command = require('../dist/bundle/cjs/cli.js');
} else command = await import('../dist/src/cli/main.js');
const { main, removeTemporaryFiles } = command;

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
compileCache?.save();
