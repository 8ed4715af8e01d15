#!/usr/bin/env node
// Real-code corpus run (issue 8): dr-migrate --check and write mode over a large tree of third-party JavaScript and
// TypeScript must not crash or hang, must change no file (the corpus holds no DigitalRiver.js code), and must
// report every file it cannot parse with its path.
//
//   npm run corpus                 pinned npm packages installed into a temp folder (needs the registry)
//   CORPUS_QUICK=1 npm run corpus  packages already in node_modules, copied into a temp folder (no network; CI)
//   CORPUS_KEEP=1                  keep the temp folder and print where it is
//
// Three passes run over the copied tree: `--check`, then write mode (hashing every file before and after); then
// a "deep" pass over a second copy where every file ends with a `// createSource` comment, so that the prefilter
// lets each file through and the parser and the whole engine see every file of the corpus.

import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'dr-migrate.js');
const QUICK = process.env.CORPUS_QUICK === '1' || process.argv.includes('--quick');
const EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx']);
/** A pass that takes longer than this has hung. */
const PASS_LIMIT_MS = QUICK ? 120_000 : 1_800_000;

/** Reduced set (about 5 MiB): packages the project already installs (lock file), so CI needs no network. */
const QUICK_PACKAGES = [
  'commander', 'diff', 'chalk', 'ignore', 'picomatch', 'fdir', 'vite', 'vitest', '@babel/core', '@babel/types', '@babel/parser',
  '@babel/traverse', '@babel/generator', 'recast', 'ast-types', 'esprima', 'magic-string', 'postcss', 'nanoid',
  'source-map', 'semver', 'debug', 'json5', 'jsesc', 'graceful-fs', 'lru-cache', 'tinyglobby', 'jscodeshift',
  'typescript',
];

/**
 * Full set, pinned: front-end and server code of the kinds merchants ship, payment SDKs whose own `createSource`
 * (Stripe.js, the Stripe server client) must be left alone, and big toolchains. Installed with their dependencies.
 */
const FULL_PACKAGES = [
  'jquery@3.7.1', 'lodash@4.17.21', 'underscore@1.13.6', 'backbone@1.6.0', 'knockout@3.5.1', 'requirejs@2.3.6',
  'react@18.3.1', 'react-dom@18.3.1', 'vue@3.4.27', 'rxjs@7.8.1', 'moment@2.30.1', 'axios@1.7.2', 'express@4.19.2',
  'handlebars@4.7.8', 'three@0.165.0', 'd3@7.9.0', 'chart.js@4.4.3', 'core-js@3.37.1', 'stripe@15.8.0',
  '@stripe/stripe-js@3.4.1', 'braintree-web@3.106.0', '@paypal/paypal-js@8.0.5', 'typescript@5.4.5',
  'webpack@5.91.0', 'eslint@8.57.0', 'prettier@3.3.0',
];

/** Folder and file names the tool always skips; the copy renames them so that every copied file is scanned. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'out', '.next', '.nuxt', 'coverage', 'bower_components', 'vendor', '.git', '.dr-migrate']);
const SKIPPED_FILE = /(\.min\.m?js|-min\.js|\.bundle\.js)$|^[Dd]igital[Rr]iver(\.min)?\.js$/;

function fail(message) {
  failures.push(message);
  process.stderr.write(`corpus: FAIL ${message}\n`);
}
const failures = [];

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue; // the tool does not look into dot folders or files
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && EXTENSIONS.has(extname(e.name))) out.push(p);
  }
  return out;
}

function extname(name) {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

function safeName(segment, isFile) {
  if (!isFile) return SKIPPED_DIRS.has(segment) ? `${segment}_` : segment;
  return SKIPPED_FILE.test(segment) ? segment.replace(/\.(m?js)$/, '_.$1') : segment;
}

/** Copies the scannable files of `from` under `to/<label>`, renaming always-skipped names. */
function copyTree(from, to, label) {
  let files = 0;
  let bytes = 0;
  for (const src of walk(from)) {
    const parts = relative(from, src).split(sep);
    const mapped = parts.map((s, i) => safeName(s, i === parts.length - 1));
    const dest = join(to, label, ...mapped);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(src, dest);
    files++;
    bytes += statSync(src).size;
  }
  return { files, bytes };
}

function hashes(dir) {
  const out = new Map();
  for (const p of walkAll(dir)) out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
  return out;
}

function walkAll(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walkAll(p, out);
    else out.push(p);
  }
  return out;
}

function runTool(cwd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args, '--format', 'json', '--no-gitignore', '--quiet', '.'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const out = [];
    let stderr = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      fail(`dr-migrate ${args.join(' ')} did not finish within ${PASS_LIMIT_MS / 1000} s (hang)`);
      child.kill('SIGKILL');
    }, PASS_LIMIT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Checks one pass's result object against the guarantees; returns the parse failures it lists. */
function checkPass(name, run, dir, expectedFiles) {
  if (run.signal || run.code === null) return fail(`${name}: killed (${run.signal})`), [];
  let result;
  try {
    result = JSON.parse(run.stdout);
  } catch {
    fail(`${name}: no JSON result (exit ${run.code}); stderr: ${run.stderr.slice(0, 2000)}`);
    return [];
  }
  const s = result.summary;
  if (s.scanned !== expectedFiles) fail(`${name}: scanned ${s.scanned} files, the corpus has ${expectedFiles}`);
  if (s.changed !== 0 || s.written !== 0) fail(`${name}: ${s.changed} file(s) would change, ${s.written} written (expected none)`);
  if (Object.keys(s.payloads).length > 0) fail(`${name}: payloads migrated in third-party code: ${JSON.stringify(s.payloads)}`);
  const parseFailures = [];
  for (const f of result.files) {
    const abs = join(dir, f.path);
    if (!existsSync(abs)) fail(`${name}: reported path does not exist: ${f.path}`);
    for (const x of f.findings) {
      if (x.id === 'parse-error') parseFailures.push({ path: f.path, line: x.line, column: x.column, why: x.data.why });
      else if (x.severity === 'error' || x.severity === 'review') fail(`${name}: ${f.path}:${x.line} ${x.id}: ${x.message}`);
    }
    if (f.status === 'error' && !f.findings.some((x) => x.id === 'parse-error')) fail(`${name}: ${f.path} failed without a parse-error finding`);
    if (f.status === 'changed') fail(`${name}: ${f.path} would change`);
    for (const site of f.sites) if (site.status !== 'not-digitalriver') fail(`${name}: ${f.path}:${site.line} treated as DigitalRiver.js (${site.status})`);
  }
  const errored = result.files.filter((f) => f.status === 'error').length;
  if (errored !== parseFailures.length || s.errored !== errored) fail(`${name}: ${s.errored} errored, ${parseFailures.length} parse failures listed`);
  const lines = (p) => readFileSync(join(dir, p), 'utf8').split(/\r\n|\r|\n/).length;
  for (const p of parseFailures) if (!(p.line >= 1 && p.line <= lines(p.path))) fail(`${name}: ${p.path}: parse failure at line ${p.line}, outside the file`);
  const expectedCode = parseFailures.length > 0 ? 2 : 0;
  if (run.code !== expectedCode) fail(`${name}: exit code ${run.code}, expected ${expectedCode}`);
  const sites = result.files.reduce((n, f) => n + f.sites.length, 0);
  const skipped = result.files.filter((f) => f.status === 'skipped').map((f) => `${f.path} (${f.reason})`);
  console.log(
    `corpus: ${name}: ${s.scanned} files in ${run.seconds.toFixed(1)} s, exit ${run.code}, ${parseFailures.length} parse failure(s), ${skipped.length} skipped, ${sites} createSource call(s) left alone`,
  );
  for (const p of parseFailures) console.log(`  parse failure ${p.path}:${p.line}:${p.column} ${p.why}`);
  for (const f of result.files) for (const site of f.sites) console.log(`  left alone ${f.path}:${site.line} (${site.evidence})`);
  for (const k of skipped) console.log(`  skipped ${k}`);
  return parseFailures;
}

function sameHashes(name, before, after) {
  let differ = 0;
  for (const [p, h] of before) if (after.get(p) !== h) differ++, differ <= 10 && fail(`${name}: ${p} changed on disk`);
  for (const p of after.keys()) if (!before.has(p)) fail(`${name}: new file ${p} left on disk`);
  if (differ > 10) fail(`${name}: ${differ} files changed on disk in all`);
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'dr-corpus-'));
  const tree = join(work, 'tree');
  const deep = join(work, 'deep');
  try {
    let sources;
    if (QUICK) {
      sources = QUICK_PACKAGES.map((p) => [p, join(ROOT, 'node_modules', p)]).filter(([, p]) => existsSync(p));
    } else {
      const install = join(work, 'install');
      mkdirSync(install);
      execFileSync('npm', ['init', '-y'], { cwd: install, stdio: 'ignore' });
      console.log(`corpus: installing ${FULL_PACKAGES.length} pinned packages…`);
      execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', ...FULL_PACKAGES], { cwd: install, stdio: 'inherit' });
      const nm = join(install, 'node_modules');
      sources = readdirSync(nm).flatMap((n) => (n.startsWith('@') ? readdirSync(join(nm, n)).map((m) => `${n}/${m}`) : n.startsWith('.') ? [] : [n])).map((n) => [n, join(nm, n)]);
    }
    let files = 0;
    let bytes = 0;
    for (const [label, from] of sources) {
      const c = copyTree(from, tree, label.replace('/', '__'));
      files += c.files;
      bytes += c.bytes;
    }
    console.log(`corpus: ${QUICK ? 'quick' : 'full'} set, ${sources.length} packages, ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${tree}`);
    if (files < (QUICK ? 500 : 5000)) fail(`only ${files} files copied: the corpus is too small to mean anything`);

    const before = hashes(tree);
    checkPass('check', await runTool(tree, ['--check']), tree, files);
    sameHashes('check', before, hashes(tree));
    checkPass('write', await runTool(tree, []), tree, files);
    sameHashes('write', before, hashes(tree));

    // Deep pass: every file reaches the parser and the engine.
    for (const [label] of sources) {
      const copied = join(tree, label.replace('/', '__'));
      if (existsSync(copied)) copyTree(copied, deep, label.replace('/', '__'));
    }
    for (const p of walk(deep)) appendFileSync(p, '\n// createSource\n');
    const deepBefore = hashes(deep);
    // The reduced run skips the deep --check: the deep write pass asserts as much and more.
    if (!QUICK) checkPass('deep check', await runTool(deep, ['--check']), deep, files);
    checkPass('deep write', await runTool(deep, []), deep, files);
    sameHashes('deep write', deepBefore, hashes(deep));
  } finally {
    if (process.env.CORPUS_KEEP === '1') console.log(`corpus: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.log(`corpus: ${failures.length} guarantee(s) broken`);
    process.exitCode = 1;
  } else console.log('corpus: ok, no file changed, every parse failure reported with its path');
}

await main();
