// Start-up cost (issue 7): the built CLI loads Babel only when a file passes the prefilter or an option needs it.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, validateSessionExpression } from '../src/options.js';

const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'dr-migrate-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** tsc's output, and the bundle when the build made one that is current (bin/dr-migrate.js picks it then). */
const BUILDS = [join(ROOT, 'dist', 'src', 'cli', 'main.js'), join(ROOT, 'dist', 'bundle', 'cli.js')].filter(
  (f, i, all) => existsSync(f) && (i === 0 || statSync(f).mtimeMs >= statSync(all[0] as string).mtimeMs),
);

function project(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

/** Code only Babel holds: the parser's and traverse's own error messages. */
const BABEL_MARKERS = ['Internal @babel/parser error', 'You passed `traverse()` a function'];

/** Runs a build's main() in a fresh Node and lists the Babel packages it loaded. */
function run(cli: string, cwd: string, argv: string[]): { code: number; babel: string[] } {
  return probe(cwd, `
    const { main } = await import(${JSON.stringify(pathToFileURL(cli).href)});
    const code = await main(${JSON.stringify(argv)}, {
      stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stderrIsTTY: false, env: {}, cwd: process.cwd(),
    });
    const result = { code };
  `) as { code: number; babel: string[] };
}

/**
 * Runs `body` in a fresh Node, which sets `result`, and adds the Babel packages loaded meanwhile: modules loaded
 * through the ESM loader (seen by a load hook) or require(), by path, or bundled chunks by the code they hold.
 */
function probe(cwd: string, body: string): Record<string, unknown> & { babel: string[] } {
  const hook = `let port; export function initialize(data) { port = data.port; }
    export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
  const script = `
    import Module, { createRequire, register } from 'node:module';
    import { readFileSync } from 'node:fs';
    import { dirname, join } from 'node:path';
    import { fileURLToPath } from 'node:url';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const urls = [];
    port1.on('message', (url) => urls.push(url));
    port1.unref();
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), { data: { port: port2 }, transferList: [port2] });
    // ES modules loaded with require() pass neither the hook nor require.cache: their paths are noted here, and a
    // bundle file's static imports (its chunks) are followed below.
    const required = [];
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
      try { required.push(Module._resolveFilename(request, parent, isMain)); } catch {}
      return load.apply(this, arguments);
    };
    ${body}
    await new Promise((r) => setTimeout(r, 50));
    const files = [...urls.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)), ...Object.keys(createRequire(import.meta.url).cache)];
    const todo = required.filter((f) => f.includes('/dist/bundle/'));
    const seen = new Set();
    while (todo.length > 0) {
      const f = todo.pop();
      if (seen.has(f)) continue;
      seen.add(f);
      files.push(f);
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:from|import)\\s*["'](\\.\\/[^"']+)["']/g)) todo.push(join(dirname(f), m[1]));
    }
    const babel = new Set();
    for (const f of files) {
      const at = f.indexOf('node_modules/@babel/');
      if (at >= 0) babel.add(f.slice(at + 'node_modules/'.length).split('/').slice(0, 2).join('/'));
      else if (f.includes('/dist/bundle/')) {
        const text = readFileSync(f, 'utf8');
        if (text.includes(${JSON.stringify(BABEL_MARKERS[0])})) babel.add('@babel/parser');
        if (text.includes(${JSON.stringify(BABEL_MARKERS[1])})) babel.add('@babel/traverse');
      }
    }
    process.stdout.write(JSON.stringify({ ...result, babel: [...babel].sort() }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' })) as Record<string, unknown> & { babel: string[] };
}

const plain = { 'a.js': 'export const total = (items) => items.reduce((s, i) => s + i.price, 0);\n', 'b.ts': 'export const x: number = 1;\n' };

describe.each(BUILDS.map((b) => [b.slice(ROOT.length + 1), b]))('loading Babel lazily (%s)', (_, cli) => {
  it('does not load it for --version or --help', () => {
    const dir = project('version', plain);
    expect(run(cli, dir, ['--version'])).toEqual({ code: 0, babel: [] });
    expect(run(cli, dir, ['--help'])).toEqual({ code: 0, babel: [] });
  });

  it('does not load it when every file is prefiltered', () => {
    const dir = project('prefiltered', { ...plain, 'c.js': '// ts.createSourceFile(name, text) is TypeScript, not DigitalRiver.js\n' });
    expect(run(cli, dir, ['--check', '--session-id', 'checkout.payment.session.id'])).toEqual({ code: 0, babel: [] });
  });

  it('loads the parser and traverse once a file needs parsing', () => {
    const input = readFileSync(join(ROOT, 'fixtures', 'payPal', 'seed.input.js'), 'utf8');
    const dir = project('candidate', { ...plain, 'pay.js': input });
    const r = run(cli, dir, ['--check']);
    expect(r.code).toBe(1);
    expect(r.babel).toEqual(expect.arrayContaining(['@babel/parser', '@babel/traverse']));
  });

  it('does not load it when every file that passes the prefilter is a --cache hit (issue 14)', () => {
    const input = readFileSync(join(ROOT, 'fixtures', 'payPal', 'seed.input.js'), 'utf8');
    const dir = project(`cached-${cli.includes('bundle') ? 'bundle' : 'tsc'}`, { ...plain, 'pay.js': input });
    const first = run(cli, dir, ['--check', '--cache']);
    expect(first.code).toBe(1);
    expect(first.babel).toEqual(expect.arrayContaining(['@babel/parser', '@babel/traverse']));
    expect(run(cli, dir, ['--check', '--cache'])).toEqual({ code: 1, babel: [] });
  });

  it('loads only the parser to check a --session-id that is more than a dotted name', () => {
    const dir = project('session', plain);
    expect(run(cli, dir, ['--check', '--session-id', 'getCheckout().session.id'])).toEqual({ code: 0, babel: ['@babel/parser'] });
  });
});

/** tsc's build of the plugin, and the bundle's, which is what the package ships as `dr-migrate/eslint` (issue 17). */
const PLUGINS = [join(ROOT, 'dist', 'src', 'eslint', 'index.js'), join(ROOT, 'dist', 'bundle', 'eslint.js')];

/** Lints `files` with ESLint and a built plugin in a fresh Node; lists problems and Babel. */
function lint(built: string, cwd: string, files: Record<string, string>): { problems: string[]; babel: string[] } {
  const linter = pathToFileURL(join(ROOT, 'node_modules', 'eslint', 'lib', 'api.js')).href;
  const plugin = pathToFileURL(built).href;
  return probe(cwd, `
    const { Linter } = await import(${JSON.stringify(linter)});
    const { default: plugin } = await import(${JSON.stringify(plugin)});
    const linter = new Linter({ cwd: process.cwd() });
    const problems = [];
    for (const [name, text] of Object.entries(${JSON.stringify(files)})) {
      for (const m of linter.verify(text, [{ files: ['**/*.js'], ...plugin.configs.recommended }], name)) problems.push(name + ':' + m.line + ' ' + (m.messageId ?? m.message));
    }
    const result = { problems };
  `) as { problems: string[]; babel: string[] };
}

describe.each(PLUGINS.map((p) => [p.slice(ROOT.length + 1), p]))('the ESLint plugin (%s)', (name, built) => {
  it('never loads Babel while every linted file fails the prefilter', () => {
    const dir = project(`eslint-prefiltered-${name.replace(/\W/g, '-')}`, {});
    const files = { 'a.js': plain['a.js'], 'c.js': '// ts.createSourceFile(name, text) is TypeScript, not DigitalRiver.js\n' };
    expect(lint(built, dir, files)).toEqual({ problems: [], babel: [] });
  });

  it('loads it for the first file that passes, and reports that file', () => {
    const dir = project(`eslint-candidate-${name.replace(/\W/g, '-')}`, {});
    const files = { 'a.js': plain['a.js'], 'pay.js': readFileSync(join(ROOT, 'fixtures', 'payPal', 'seed.input.js'), 'utf8') };
    const r = lint(built, dir, files);
    // The seed's payload would read a sessionId nothing defines on the page: reported too (issue 17).
    expect(r.problems).toEqual(['pay.js:1 session-id-unbound', 'pay.js:37 legacy-payload']);
    expect(r.babel).toEqual(expect.arrayContaining(['@babel/parser', '@babel/traverse']));
  });
});

describe('validateSessionExpression', () => {
  it.each(['sessionId', 'checkout.payment.session.id', 'this.sessionId', 'a.class.b', 'getCheckout().session.id', "s['id']", '(a || b).id'])(
    'accepts %s',
    (expr) => {
      expect(validateSessionExpression(` ${expr} `)).toBe(expr);
    },
  );

  it.each(['class', 'a b', 'a,b', 'a.', '1a', 'new', 'x = 1;y', 'ctx!.id', 'id as string'])('rejects %j with a usage error', (expr) => {
    expect(() => validateSessionExpression(expr)).toThrow(UsageError);
  });
});
