#!/usr/bin/env node
// Build step after tsc (issue 7): bundles the CLI and its parser thread into dist/bundle, so a run loads a few files
// instead of hundreds of modules; also processText, which the ESLint plugin loads on the first file it must parse
// (issue 15). Babel stays in chunks of its own that load only when a file needs parsing; ts-morph
// (and the TypeScript compiler in it) is not bundled: it loads from node_modules, only for the type-aware step.
// bin/dr-migrate.js uses the bundle only while it is at least as new as tsc's output (a tsc-only build wins).

import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');

rmSync(OUT, { recursive: true, force: true });
await build({
  input: {
    cli: join(ROOT, 'dist', 'src', 'cli', 'main.js'),
    worker: join(ROOT, 'dist', 'src', 'run', 'collect', 'worker.js'),
    'process-text': join(ROOT, 'dist', 'src', 'engine', 'process-text.js'),
  },
  platform: 'node',
  external: [/^ts-morph$/, /^@ts-morph\//],
  plugins: [
    {
      // lazy-parser's require() of the parser stays a require at run time (for a --session-id that is not a dotted
      // name); bundled, it would put the parser in the chunks every run loads. The engine's own copy is bundled.
      name: 'lazy-parser-stays-lazy',
      resolveId: (source, importer) => (source === '@babel/parser' && importer?.endsWith('lazy-parser.cjs') ? { id: source, external: true } : null),
    },
    {
      // php-parser likewise loads from node_modules, only for a PHP file that may build a payload array (issue 13).
      name: 'php-parser-stays-lazy',
      resolveId: (source, importer) => (source === 'php-parser' && importer?.endsWith('lazy-php-parser.cjs') ? { id: source, external: true } : null),
    },
  ],
  logLevel: 'warn',
  output: { dir: OUT, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js', comments: false },
});
