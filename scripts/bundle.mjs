#!/usr/bin/env node
// Build step after tsc (issue 7): bundles the CLI and its parser thread into dist/bundle, so a run loads a few files
// instead of hundreds of modules; also processText, which the ESLint plugin loads on the first file it must parse
// (issue 15). The build is CommonJS, in dist/bundle/cjs, so that the command can keep V8's compiled code of it between
// runs on Node 20 (src/run/compile-cache.ts); dist/bundle/{index,eslint,cli}.js are ES module entries over it.
// Babel stays in chunks of its own that load only when a file needs parsing; ts-morph
// (and the TypeScript compiler in it) is not bundled: it loads from node_modules, only for the type-aware step.
// The package ships this bundle alone for its JavaScript (issue 17): the API (`index`) and the ESLint plugin
// (`eslint`) are entries of the same build, and the jscodeshift transforms a build of their own (see below). tsc's
// output is what the bundle is made from, what the tests import, and where the shipped type declarations come from.
// bin/dr-migrate.js uses the bundle only while it is at least as new as tsc's output (a tsc-only build wins).

import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');
// CommonJS (issue 14): bin/dr-migrate.js keeps V8's compiled code of these files between runs
// (src/run/compile-cache.ts), which Node 20 can do only for CommonJS. The folder's package.json says so, and the
// files keep their .js names (the worker thread is started as ./worker.js beside its chunk).
const CJS = join(OUT, 'cjs');
const load = createRequire(import.meta.url);
const TRANSFORMS_OUT = join(OUT, 'transforms');
const LAZY_LOADERS = ['lazy-parser.cjs', 'lazy-php-parser.cjs'];
const TRANSFORMS = readdirSync(join(ROOT, 'transforms'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -'.ts'.length));

rmSync(OUT, { recursive: true, force: true });
await build({
  input: {
    cli: join(ROOT, 'dist', 'src', 'cli', 'main.js'),
    worker: join(ROOT, 'dist', 'src', 'run', 'collect', 'worker.js'),
    'process-text': join(ROOT, 'dist', 'src', 'engine', 'process-text.js'),
    index: join(ROOT, 'dist', 'src', 'index.js'),
    eslint: join(ROOT, 'dist', 'src', 'eslint', 'index.js'),
    'compile-cache': join(ROOT, 'dist', 'src', 'run', 'compile-cache.js'),
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
  output: { dir: CJS, format: 'cjs', exports: 'named', entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js', comments: false },
});
writeFileSync(join(CJS, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

// The files the command's compile cache may take (src/run/compile-cache.ts): those that call no import(), which
// Node 20 cannot serve to code compiled from the cache.
const { parse } = load('@babel/parser');
const { callsImport } = await import(pathToFileURL(join(ROOT, 'dist', 'src', 'run', 'compile-cache.js')).href);
const cacheable = readdirSync(CJS)
  .filter((f) => f.endsWith('.js'))
  .filter((f) => !callsImport(parse(readFileSync(join(CJS, f), 'utf8'), { sourceType: 'script', allowReturnOutsideFunction: true }).program))
  .sort();
writeFileSync(join(CJS, 'cacheable.json'), `${JSON.stringify({ files: cacheable }, null, 1)}\n`);

// The package's ES module entries (`dr-migrate`, `dr-migrate/eslint`) and the command's, for what imports it: each
// re-exports the names of its CommonJS build, listed here by loading it.
mkdirSync(OUT, { recursive: true });
for (const name of ['index', 'eslint', 'cli']) {
  const exported = load(join(CJS, `${name}.js`));
  const names = Object.keys(exported).filter((n) => n !== 'default');
  const lines = [
    `// The ES module face of ./cjs/${name}.js (scripts/bundle.mjs).`,
    "import { createRequire } from 'node:module';",
    `const built = createRequire(import.meta.url)('./cjs/${name}.js');`,
    ...(names.length > 0 ? [`export const { ${names.join(', ')} } = built;`] : []),
    ...('default' in exported ? ['export default built.default;'] : []),
  ];
  writeFileSync(join(OUT, `${name}.js`), `${lines.join('\n')}\n`);
}

// The transforms (`dr-migrate/transforms/<name>`, one per file under transforms/) are for stock jscodeshift, whose
// default compiles every module a transform loads with @babel/register. That cannot load an ES module using
// `import.meta` (the build above shares a runtime chunk that does, for the CLI's require() of Node's own modules), and
// it would recompile the Babel bundled above on each run. So this build holds only our own code, in one chunk: the
// packages it imports (Babel among them) load from node_modules, and the lazy loaders stay CommonJS files of their
// own beside it, as in tsc's output.
await build({
  input: Object.fromEntries(TRANSFORMS.map((name) => [name, join(ROOT, 'dist', 'transforms', `${name}.js`)])),
  platform: 'node',
  external: [/^[^./]/],
  plugins: [
    {
      name: 'lazy-loaders-stay-commonjs',
      resolveId: (source) => {
        const loader = LAZY_LOADERS.find((file) => source.endsWith(`/${file}`));
        return loader === undefined ? null : { id: `./${loader}`, external: true };
      },
    },
  ],
  logLevel: 'warn',
  output: { dir: TRANSFORMS_OUT, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js', comments: false },
});
for (const loader of LAZY_LOADERS) copyFileSync(join(ROOT, 'dist', 'src', loader), join(TRANSFORMS_OUT, loader));
