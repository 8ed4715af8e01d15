#!/usr/bin/env node
// `npm run bench` (issue 7): builds two corpora in a temporary folder and prints dr-migrate --check against grep
// and stock jscodeshift, with medians and ratios measured in the same run. Not part of the test suite.
//
//   BENCH_QUICK=1        a small, fast variant (three packages, 400 dense files)
//   BENCH_RUNS=<n>       timed runs per command (default 3; the median is reported)
//   BENCH_TREE=<dir>     use a copy of this tree as the sparse corpus instead of installing packages
//   BENCH_KEEP=1         keep the temporary folder (its path is printed)
//   BENCH_SKIP=<a,b>     leave out some rows: jscodeshift, sparse, planted, dense, cold, eslint

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { denseFiles, fixtureCases, mulberry32, plainModule } from './bench-corpus.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'dr-migrate.js');
const JSCODESHIFT = join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const TRANSFORM = join(ROOT, 'dist', 'bundle', 'transforms', 'all.js');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const PLUGIN = join(ROOT, 'dist', 'bundle', 'eslint.js');
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0 ? '/usr/bin/time' : undefined;

/** Large packages of real third-party code, pinned so every run measures the same bytes. */
const SPARSE_PACKAGES = QUICK
  ? ['lodash@4.17.21', 'date-fns@4.1.0', 'rxjs@7.8.2']
  : [
      'typescript@5.9.3',
      'three@0.180.0',
      'monaco-editor@0.52.2',
      '@mui/material@7.3.4',
      '@mui/icons-material@7.3.4',
      '@emotion/react@11.14.0',
      '@emotion/styled@11.14.1',
      'react@19.2.0',
      'react-dom@19.2.0',
      'rxjs@7.8.2',
      'lodash@4.17.21',
      'date-fns@4.1.0',
    ];
/** A `type` the checker cannot settle (issue 14): an untyped parameter of a function nothing calls. */
const ANY_SOURCE = 'var drjs = new DigitalRiver(drConfig.key);\n\nfunction createAnySource(type, el) {\n  return drjs.createSource(el, { type: type, amount: 1 });\n}\n';

const PLANTED = QUICK ? 12 : 36;
const DENSE = QUICK ? 400 : 4000;

if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js')) || !existsSync(TRANSFORM)) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}
const { discoverFiles, DEFAULT_IGNORES, DEFAULT_EXTENSIONS } = await import(join(ROOT, 'dist', 'src', 'run', 'collect', 'discover.js'));

const LOAD_AT_START = loadAverage();
const work = mkdtempSync(join(tmpdir(), 'dr-migrate-bench-'));
const log = (s) => process.stderr.write(`bench: ${s}\n`);
log(`working in ${work}`);
// The command's compile cache (src/run/compile-cache.ts) in the bench's own folder: the untimed run of each command
// fills it, as a user's first run does. The rows marked "no compile cache" are the baseline without it.
const COMPILE_CACHE = { NODE_COMPILE_CACHE: join(work, 'compile-cache') };
const NO_COMPILE_CACHE = { NODE_DISABLE_COMPILE_CACHE: '1' };
try {
  await main();
} finally {
  if (process.env.BENCH_KEEP === '1') log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

async function main() {
  const rows = [];
  const notes = [];
  const cases = fixtureCases(join(ROOT, 'fixtures'));

  if (!SKIP.has('sparse') || !SKIP.has('planted')) {
    const tree = buildSparse(cases, notes);
    if (!SKIP.has('sparse')) rows.push(...(await compare('sparse', tree, notes)));
    if (!SKIP.has('planted')) rows.push(...(await planted(tree, notes)));
  }
  if (!SKIP.has('dense')) {
    const tree = join(work, 'dense');
    for (const f of denseFiles(cases, DENSE, 7)) write(join(tree, f.path), f.text);
    notes.push(`dense: ${DENSE} generated DigitalRiver.js files (${mb(treeBytes(tree))} MB) from the ${cases.length} fixture inputs, seed 7`);
    rows.push(...(await compare('dense', tree, notes)));
  }
  if (!SKIP.has('cold')) rows.push(...(await cold(cases)));
  if (!SKIP.has('eslint')) rows.push(...(await eslintRows(notes)));
  print(rows, notes);
}

/** Real third-party code with a few dozen DigitalRiver.js files planted where dr-migrate searches. */
function buildSparse(cases, notes) {
  const tree = join(work, 'sparse');
  if (process.env.BENCH_TREE) {
    // Relative to where `npm run bench` was typed (npm runs scripts from the package folder).
    const source = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.BENCH_TREE);
    if (!existsSync(source)) throw new Error(`BENCH_TREE: ${source} does not exist`);
    log(`copying ${source}`);
    cpSync(source, tree, { recursive: true, verbatimSymlinks: true });
    notes.push(`sparse: a copy of ${source}`);
  } else {
    const prefix = join(work, 'install');
    log(`npm install ${SPARSE_PACKAGES.length} packages`);
    const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', ...SPARSE_PACKAGES], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error('npm install failed');
    // Out of node_modules, which dr-migrate (rightly) never searches: the packages stand in for a monorepo's sources.
    renameSync(join(prefix, 'node_modules'), tree);
    notes.push(`sparse: ${SPARSE_PACKAGES.join(' ')} (npm install, moved out of node_modules)`);
  }
  const dirs = [...new Set([...discoverFiles({ cwd: tree, paths: ['.'], extensions: DEFAULT_EXTENSIONS, ignore: [], gitignore: true })].map((p) => dirname(p)))].sort();
  const random = mulberry32(11);
  const handled = cases.filter((c) => c.changes);
  for (let i = 0; i < PLANTED; i++) {
    const c = handled[i % handled.length];
    const dir = dirs.length > 0 ? dirs[Math.floor(random() * dirs.length)] : '.';
    write(join(tree, dir, `dr-checkout-${i}.${c.ext}`), c.text);
  }
  notes.push(`sparse: ${PLANTED} fixture inputs planted in directories dr-migrate searches (seed 11)`);
  return tree;
}

/**
 * Issue 14's planted case: the sparse tree plus a file whose `type` is an untyped parameter, and the planted files
 * alone with it (what the type-aware step costs when there is little else to do). grep and dr-migrate only.
 */
async function planted(sparse, notes) {
  write(join(sparse, 'dr-any-source.js'), ANY_SOURCE);
  const alone = join(work, 'plants');
  for (const path of discoverPlants(sparse)) cpSync(join(sparse, path), join(alone, path));
  notes.push('planted: the sparse tree plus dr-any-source.js (createAnySource(type, el), `type` an untyped parameter); plants: those files alone');
  const rows = [];
  for (const [name, tree] of [['planted', sparse], ['plants', alone]]) rows.push(...(await compare(name, tree, notes, false, name === 'planted')));
  return rows;
}

/** The files planted in the sparse tree, relative to it. */
function discoverPlants(tree) {
  return [...discoverFiles({ cwd: tree, paths: ['.'], extensions: DEFAULT_EXTENSIONS, ignore: [], gitignore: true })].filter((p) => /(?:^|\/)dr-(?:checkout-\d+|any-source)\.\w+$/.test(p));
}

/**
 * The three tools over one tree, each run RUNS times, interleaved so load from elsewhere hits all of them. `withCache`
 * adds `--check --cache` with each strategy (issue 14): the untimed run fills the cache (kept outside the tree, so
 * grep never reads it), and every timed run is a second run.
 */
async function compare(name, tree, notes, withJscodeshift = true, withCache = false) {
  const counts = countFiles(tree);
  notes.push(`${name}: ${counts.all} files, ${mb(counts.bytes)} MB in all; ${counts.scripts} files with a script extension outside the default ignores`);
  const commands = [
    { label: 'grep -rlF createSource', cmd: 'grep', args: ['-rlF', 'createSource', '.'] },
    { label: 'dr-migrate --check', cmd: process.execPath, args: [BIN, '--check', '.'] },
  ];
  if (name === 'plants') commands.push({ label: 'dr-migrate --check, no compile cache', cmd: process.execPath, args: [BIN, '--check', '.'], env: NO_COMPILE_CACHE });
  if (withJscodeshift && !SKIP.has('jscodeshift')) {
    commands.push({
      label: `jscodeshift --dry -t all.js (default: ${Math.max(availableParallelism() - 1, 1)} worker process${availableParallelism() > 2 ? 'es' : ''}, babel on)`,
      cmd: process.execPath,
      // The tree's top .gitignore too, as dr-migrate reads it (jscodeshift reads only that one, and fails without it).
      args: [JSCODESHIFT, '-t', TRANSFORM, '--dry', ...(existsSync(join(tree, '.gitignore')) ? ['--gitignore'] : []), `--extensions=${DEFAULT_EXTENSIONS.join(',')}`, ...DEFAULT_IGNORES.map((g) => `--ignore-pattern=${g}`), '.'],
    });
  }
  const cached = [];
  if (withCache) {
    for (const strategy of ['content', 'metadata']) {
      const location = join(work, `cache-${name}-${strategy}.json`);
      cached.push({ label: `dr-migrate --check --cache --cache-strategy ${strategy}, second run`, cmd: process.execPath, args: [BIN, '--check', '--cache', '--cache-strategy', strategy, '--cache-location', location, '.'] });
    }
  }
  commands.push(...cached);
  // One untimed run each: warms the page cache and shows what every tool found (and fills the caches).
  for (const c of commands) c.sample = await measure(c.cmd, c.args, tree, true, c.env);
  notes.push(`${name}: dr-migrate says "${lastLine(commands[1].sample.stderr, /dr-migrate \(check\)/)}"`);
  for (const c of cached) notes.push(`${name}: ${c.label.replace(', second run', '')}, first run, says "${lastLine(c.sample.stderr, /dr-migrate \(check\)/)}"`);
  const jscodeshift = commands.find((c) => c.label.startsWith('jscodeshift'));
  if (jscodeshift) notes.push(`${name}: jscodeshift says "${jscodeshiftSummary(jscodeshift.sample.stdout)}"`);
  notes.push(`${name}: grep lists ${commands[0].sample.stdout.split('\n').filter(Boolean).length} files`);
  for (let run = 0; run < RUNS; run++) {
    for (const c of commands) {
      log(`${name} run ${run + 1}/${RUNS}: ${c.label}`);
      (c.runs ??= []).push(await measure(c.cmd, c.args, tree, false, c.env));
    }
  }
  return commands.map((c) => ({ corpus: name, label: c.label, runs: c.runs }));
}

async function cold(cases) {
  const tree = join(work, 'small');
  const random = mulberry32(3);
  const handled = cases.filter((c) => c.changes);
  for (let i = 0; i < 3; i++) write(join(tree, 'js', `checkout-${i}.${handled[i].ext}`), handled[i].text);
  for (let i = 0; i < 7; i++) write(join(tree, 'js', `module-${i}.js`), plainModule(random, i));
  const commands = [
    { label: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
    { label: 'dr-migrate --version', cmd: process.execPath, args: [BIN, '--version'] },
    { label: 'dr-migrate --check (10 files, 3 to migrate)', cmd: process.execPath, args: [BIN, '--check', '.'] },
    { label: 'dr-migrate --check (10 files, 3 to migrate), no compile cache', cmd: process.execPath, args: [BIN, '--check', '.'], env: NO_COMPILE_CACHE },
    { label: 'dr-migrate --check (10 files, none to migrate)', cmd: process.execPath, args: [BIN, '--check', 'js/module-0.js', 'js/module-1.js', 'js/module-2.js', 'js/module-3.js', 'js/module-4.js', 'js/module-5.js', 'js/module-6.js'] },
  ];
  for (const c of commands) await measure(c.cmd, c.args, tree, false, c.env);
  const runs = Math.max(RUNS, 5);
  for (let run = 0; run < runs; run++) for (const c of commands) (c.runs ??= []).push(await measure(c.cmd, c.args, tree, false, c.env));
  return commands.map((c) => ({ corpus: 'cold', label: c.label, runs: c.runs }));
}

/**
 * ESLint on the bundled example project (issue 15): its JavaScript files with no rule, then with
 * dr-migrate/no-legacy-payload alone, so the ratio is what the rule adds to a lint run. The .tsx and .phtml files are
 * left out: ESLint's own parser reads neither.
 */
async function eslintRows(notes) {
  const tree = join(work, 'eslint-example');
  cpSync(join(ROOT, 'example'), tree, { recursive: true });
  const files = "files: ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs']";
  write(join(tree, 'without.config.mjs'), `export default [{ ${files} }];\n`);
  write(join(tree, 'with.config.mjs'), `import drMigrate from ${JSON.stringify(PLUGIN)};\nexport default [{ ${files}, ...drMigrate.configs.recommended }];\n`);
  const commands = [
    { label: 'eslint, without the rule', cmd: process.execPath, args: [ESLINT, '-c', 'without.config.mjs', '.'] },
    { label: 'eslint, with dr-migrate/no-legacy-payload', cmd: process.execPath, args: [ESLINT, '-c', 'with.config.mjs', '.'] },
  ];
  for (const c of commands) c.sample = await measure(c.cmd, c.args, tree, true);
  const problems = (c) => lastLine(c.sample.stdout, /problems?/) || 'no problems';
  notes.push(`eslint: the example project's JavaScript files; without the rule: ${problems(commands[0])}; with it: ${problems(commands[1])}`);
  const runs = Math.max(RUNS, 5);
  for (let run = 0; run < runs; run++) for (const c of commands) (c.runs ??= []).push(await measure(c.cmd, c.args, tree));
  return commands.map((c) => ({ corpus: 'eslint', label: c.label, runs: c.runs }));
}

/**
 * Wall time; CPU time (user + system, all processes and threads, from GNU time); peak memory: GNU time's %M (the
 * largest single process) or the sum over the process tree sampled every 50 ms, whichever is larger.
 */
function measure(cmd, args, cwd, keepOutput = false, env = COMPILE_CACHE) {
  return new Promise((resolve, reject) => {
    const rssFile = join(work, 'rss.txt');
    const argv = GNU_TIME ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv[1], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', keepOutput ? 'pipe' : 'ignore', keepOutput ? 'pipe' : 'ignore'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    let sampled = 0;
    const timer = setInterval(() => (sampled = Math.max(sampled, treeRss(child.pid))), 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const [kb, user, sys] = GNU_TIME && existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [0, NaN, NaN];
      resolve({ seconds, cpu: user + sys, rss: Math.max(kb * 1024, sampled), code, stdout, stderr });
    });
  });
}

/** Resident memory of a process and all its descendants, from /proc (0 where there is no /proc). */
function treeRss(pid) {
  if (!pid || !existsSync('/proc')) return 0;
  const children = new Map();
  const rss = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      rss.set(Number(entry), Number(fields[21]) * 4096);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const todo = [pid];
  while (todo.length > 0) {
    const p = todo.pop();
    total += rss.get(p) ?? 0;
    todo.push(...(children.get(p) ?? []));
  }
  return total;
}

function print(rows, notes) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (row) => median(row.runs.map((x) => x.seconds));
  const model = (readFileSafe('/proc/cpuinfo').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model ?? 'unknown';
  const out = [];
  out.push(`dr-migrate benchmark, ${new Date().toISOString().slice(0, 10)}${QUICK ? ' (BENCH_QUICK)' : ''}`);
  out.push(`machine: ${availableParallelism()} CPUs (${model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, Linux ${release()}, node ${process.version}`);
  out.push(`load average at start ${LOAD_AT_START}, at end ${loadAverage()} (other work on the machine slows every row alike)`);
  out.push(`medians of ${RUNS} runs (cold start and eslint: ${Math.max(RUNS, 5)}), interleaved; peak memory: whole process tree`);
  out.push('');
  out.push('| corpus | command | wall (median) | CPU (median) | runs (wall) | peak memory | ratio |');
  out.push('|---|---|---|---|---|---|---|');
  const by = (corpus, prefix) => rows.find((r) => r.corpus === corpus && r.label.startsWith(prefix));
  const results = [];
  for (const r of rows) {
    const t = time(r);
    const cpu = median(r.runs.map((x) => x.cpu));
    const m = Math.max(...r.runs.map((x) => x.rss));
    const drm = by(r.corpus, 'dr-migrate --check');
    let ratio = '';
    if (r.label.endsWith(', no compile cache')) {
      const withCache = rows.find((o) => o.corpus === r.corpus && o.label === r.label.slice(0, -', no compile cache'.length));
      const x = t / time(withCache);
      ratio = `${x.toFixed(2)}× the run with it`;
      results.push([`${r.corpus}: ${withCache.label} faster with the compile cache than without`, x > 1, `${x.toFixed(2)}×`]);
    } else if (r.corpus === 'cold') {
      const node = by('cold', 'node -e 0');
      if (r !== node) {
        ratio = `${(t / time(node)).toFixed(2)}× node`;
        results.push([`cold: ${r.label} within 4× of bare node`, t / time(node) <= 4, ratio]);
      }
    } else if (r.corpus === 'eslint') {
      const without = by('eslint', 'eslint, without');
      if (r !== without) ratio = `${(t / time(without)).toFixed(2)}× without the rule`;
    } else if (r.label.includes('--cache')) {
      const grep = by(r.corpus, 'grep');
      const x = t / time(grep);
      ratio = `${x.toFixed(2)}× grep`;
      if (r.label.includes('content')) results.push([`${r.corpus}: second dr-migrate --check --cache within 1.5× of grep (issue 14)`, x <= 1.5, ratio]);
      else results.push([`${r.corpus}: second dr-migrate --check --cache, metadata strategy, faster than grep (issue 14)`, x < 1, ratio]);
    } else if (r === drm) {
      const grep = by(r.corpus, 'grep');
      ratio = `${(t / time(grep)).toFixed(2)}× grep`;
      if (r.corpus === 'sparse') results.push(['sparse: dr-migrate within 3× of grep', t / time(grep) <= 3, ratio]);
      if (r.corpus === 'plants') results.push(['plants: dr-migrate --check at most 0.6 s (issue 14)', t <= 0.6, `${t.toFixed(2)} s`]);
      results.push([`${r.corpus}: dr-migrate peak memory under 500 MB`, m < 500 * 2 ** 20, `${mb(m)} MB`]);
    } else if (r.label.startsWith('jscodeshift') && drm) {
      const x = t / time(drm);
      ratio = `dr-migrate ${x.toFixed(1)}× faster`;
      if (r.corpus === 'sparse') results.push(['sparse: dr-migrate at least 50× faster than jscodeshift', x >= 50, `${x.toFixed(1)}×`]);
      if (r.corpus === 'dense') results.push(['dense: dr-migrate at least 3× the throughput of jscodeshift', x >= 3, `${x.toFixed(1)}×`]);
    }
    const runs = r.runs.map((x) => x.seconds.toFixed(2)).join(' ');
    out.push(`| ${r.corpus} | ${r.label} | ${t.toFixed(2)} s | ${Number.isNaN(cpu) ? '?' : `${cpu.toFixed(2)} s`} | ${runs} | ${mb(m)} MB | ${ratio} |`);
  }
  out.push('');
  for (const [what, ok, value] of results) out.push(`${ok ? 'met ' : 'MISS'}  ${what}: ${value}`);
  out.push('');
  for (const n of notes) out.push(`- ${n}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function loadAverage() {
  return readFileSafe('/proc/loadavg').split(' ').slice(0, 3).join(' ') || 'unknown';
}

function countFiles(tree) {
  let all = 0;
  let bytes = 0;
  const stack = [tree];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        all++;
        bytes += statSync(p).size;
      }
    }
  }
  const scripts = [...discoverFiles({ cwd: tree, paths: ['.'], extensions: DEFAULT_EXTENSIONS, ignore: [], gitignore: true })].length;
  return { all, bytes, scripts };
}

function treeBytes(tree) {
  return countFiles(tree).bytes;
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function lastLine(text, re) {
  return (text.split('\n').filter((l) => re.test(l)).pop() ?? '').replace(/^\S+ /, '').trim();
}

function jscodeshiftSummary(stdout) {
  const m = /Results:\s*\n(\d+) errors\n(\d+) unmodified\n(\d+) skipped\n(\d+) ok/.exec(stdout);
  return m ? `${m[4]} ok, ${m[2]} unmodified, ${m[3]} skipped, ${m[1]} errors` : 'no summary';
}

function mb(bytes) {
  return Math.round(bytes / 1024 / 1024);
}

function readFileSafe(p) {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

