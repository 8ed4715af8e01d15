// The ESLint rule dr-migrate/no-legacy-payload with ESLint's RuleTester on the fixtures: the fix is the command's
// output, review sites are reported without a fix, other code is not reported; then options, the configuration
// file, the prefilter and the docs link.

import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { Linter, RuleTester } from 'eslint';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readmeAnchor, RULE_DOCS_HEADING, RULE_DOCS_URL } from '../src/eslint/docs.js';
import { noLegacyPayload } from '../src/eslint/rule.js';
import { FINDINGS, type FindingId } from '../src/rules/findings.js';
import { processText } from '../src/engine/process-text.js';
import { fixtureCases, readCase, type FixtureCase } from './fixture-cases.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ROOT = join(import.meta.dirname, '..');
const work = realpathSync(mkdtempSync(join(tmpdir(), 'dr-migrate-eslint-')));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rule = noLegacyPayload(() => processText);
const plugin = { rules: { 'no-legacy-payload': rule } };

/** What ESLint parses JavaScript with by default, for each extension the fixtures use. */
function languageOptions(ext: string): Linter.LanguageOptions {
  return { ecmaVersion: 'latest', sourceType: ext === 'cjs' ? 'commonjs' : 'module', parserOptions: { ecmaFeatures: { jsx: true } } };
}

/** True when ESLint's default parser (espree) parses the text: RuleTester needs that before the rule runs. */
function espreeParses(text: string, ext: string): boolean {
  return !new Linter().verify(text, { languageOptions: languageOptions(ext) }).some((m) => m.fatal);
}

type Options = Record<string, unknown>;
const optionsOf = (c: FixtureCase): Options => JSON.parse(readCase(c, 'options', 'json') ?? '{}') as Options;

/**
 * Why a fixture is not run through ESLint. TypeScript: ESLint needs typescript-eslint's parser for it, which needs
 * TypeScript's JavaScript compiler API (typescript <6.1), and this project builds with TypeScript 7, the native
 * compiler without that API. Template hosts (HTML, PHP, Vue…): ESLint lints them only through a processor or a
 * parser of the host language, which hands the rule other text than the file. markReview: the rule never inserts
 * review markers (review sites get no fix). And a file espree does not parse (Flow annotations).
 * No fixture needs cross-file facts (fixtures/projects/ has those and is not enumerated) nor more than one pass:
 * a fix is the file's whole set of edits.
 */
function exclusion(c: FixtureCase): string | undefined {
  if (c.ext === 'ts' || c.ext === 'tsx') return 'typescript';
  if (!['js', 'jsx', 'mjs', 'cjs'].includes(c.ext)) return 'template or PHP host';
  if (optionsOf(c).markReview === true) return 'markReview';
  if (!espreeParses(readCase(c, 'input') as string, c.ext)) return 'espree cannot parse it';
  return undefined;
}

const cases = fixtureCases();
const excluded: Record<string, string[]> = {};
const included: FixtureCase[] = [];
for (const c of cases) {
  const why = exclusion(c);
  if (why === undefined) included.push(c);
  else (excluded[why] ??= []).push(`${c.folder}/${c.name}.${c.ext}`);
}
for (const list of Object.values(excluded)) list.sort();

interface ExpectedError {
  readonly messageId: string;
  readonly line: number;
}

/** The problems a fixture's findings call for: a pending migration is legacy-payload, review and error findings as they are. */
function expectedErrors(c: FixtureCase): ExpectedError[] {
  const findings = JSON.parse(readCase(c, 'findings', 'json') ?? '[]') as { id: FindingId; line: number }[];
  return findings
    .flatMap((f) => {
      if (f.id === 'migrated') return [{ messageId: 'legacy-payload', line: f.line }];
      return ['review', 'error'].includes(FINDINGS[f.id].severity) ? [{ messageId: f.id, line: f.line }] : [];
    })
    .sort((a, b) => a.line - b.line);
}

const RULE_OPTION_KEYS = new Set(['sessionId', 'methods', 'removeCardAmounts']);

/**
 * Where the case is linted, and with which rule options. Options the rule does not take (dropLegacyBranches,
 * paymentRequestSessionId) go to a dr-migrate.config.json beside the file, where the rule reads them.
 */
function setup(c: FixtureCase): { filename: string; options: Options[] } {
  const all = optionsOf(c);
  const ruleOptions = Object.fromEntries(Object.entries(all).filter(([k]) => RULE_OPTION_KEYS.has(k)));
  const configOnly = Object.fromEntries(Object.entries(all).filter(([k]) => !RULE_OPTION_KEYS.has(k)));
  const options = Object.keys(ruleOptions).length > 0 ? [ruleOptions] : [];
  if (Object.keys(configOnly).length === 0) return { filename: `${c.name}.${c.ext}`, options };
  const dir = join(work, `${c.folder}-${c.name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dr-migrate.config.json'), JSON.stringify(configOnly));
  return { filename: join(dir, `${c.name}.${c.ext}`), options };
}

describe('the fixtures ESLint can parse', () => {
  it('leave out exactly these, for these reasons', () => {
    expect(excluded).toEqual({
      typescript: [
        'formatting/decorated-accessor.ts',
        'formatting/react-component.tsx',
        'formatting/typed-payload.ts',
        'not-digitalriver/customer-api.ts',
        'not-digitalriver/declarations.d.ts',
        'not-digitalriver/stripe-load-stripe.ts',
        'origins/optional-call.ts',
        'origins/spread-args.ts',
        'origins/type-const-object-property.ts',
      ],
      'template or PHP host': [
        'php/aligned-comments.php',
        'php/already-migrated.php',
        'php/array-paypal.php',
        'php/crlf.php',
        'php/details-variable.php',
        'php/hybrid.php',
        'php/no-details.php',
        'php/one-line.php',
        'php/rest-sources.php',
        'php/short-klarna.php',
        'templates/cod-japan.blade.php',
        'templates/ejs-payco-crlf.ejs',
        'templates/erb-card-directdebit.erb',
        'templates/handlebars-paypal-credit.hbs',
        'templates/jinja-page.html',
        'templates/jsp-bank-transfer.jsp',
        'templates/magento-paypal.phtml',
        'templates/no-digitalriver-code.phtml',
        'templates/review-conditional-type.phtml',
        'templates/review-mark-review.phtml',
        'templates/review-unparsable-tags.phtml',
        'templates/sfcc-glued-names.isml',
        'templates/sfcc-klarna.isml',
        'templates/sfcc-paypal-review.isml',
        'templates/stripe-checkout.html',
        'templates/svelte-bpay.svelte',
        'templates/twig-klarna-recurring.twig',
        'templates/visualforce-directdebit.page',
        'templates/visualforce-paypal-repeat.page',
        'templates/vue-online-banking.vue',
        'templates/wordpress-konbini.php',
      ],
      markReview: ['review/mark-review.js'],
      'espree cannot parse it': ['formatting/flow-annotated.js'],
    });
    expect(included).toHaveLength(cases.length - 9 - 31 - 2);
  });
});

const tester = new RuleTester();
const valid: RuleTester.ValidTestCase[] = [];
const invalid: RuleTester.InvalidTestCase[] = [];
for (const c of included) {
  const code = readCase(c, 'input') as string;
  const output = readCase(c, 'output') as string;
  const errors = expectedErrors(c);
  const base = { name: `fixtures/${c.folder}/${c.name}.${c.ext}`, code, ...setup(c), languageOptions: languageOptions(c.ext) };
  if (errors.length === 0) valid.push(base);
  else invalid.push({ ...base, errors, output: output === code ? null : output });
}

describe('RuleTester on the fixtures', () => {
  it('covers every kind of case', () => {
    const migratable = included.filter((c) => readCase(c, 'output') !== readCase(c, 'input'));
    expect(invalid.filter((t) => t.output !== null)).toHaveLength(migratable.length);
    expect(migratable.length).toBeGreaterThan(80);
    // Stripe.js, REST clients, server code: nothing reported.
    const notDigitalRiver = included.filter((c) => c.folder === 'not-digitalriver').map((c) => `fixtures/${c.folder}/${c.name}.${c.ext}`);
    expect(notDigitalRiver).toHaveLength(11);
    expect(valid.map((t) => t.name)).toEqual(expect.arrayContaining(notDigitalRiver));
    // Every review fixture reports something.
    expect(invalid.filter((t) => t.name?.startsWith('fixtures/review/'))).toHaveLength(included.filter((c) => c.folder === 'review').length);
  });

  tester.run('dr-migrate/no-legacy-payload', rule, { valid, invalid });
});

/** The rule alone on `text`, linted as the case's file with its options. */
function lint(c: FixtureCase, text: string): Linter.LintMessage[] {
  const { filename, options } = setup(c);
  const config: Linter.Config = {
    files: ['**'],
    plugins: { 'dr-migrate': plugin },
    languageOptions: languageOptions(c.ext),
    rules: { 'dr-migrate/no-legacy-payload': ['error', ...options] },
  };
  // A file in a temporary folder is linted from there: a Linter lints only files under its working directory.
  return new Linter({ cwd: isAbsolute(filename) ? dirname(filename) : ROOT }).verify(text, config, filename);
}

describe('after the fix', () => {
  it.each(included.filter((c) => readCase(c, 'output') !== readCase(c, 'input')))('fixtures/$folder/$name: nothing is left to fix', (c) => {
    expect(lint(c, readCase(c, 'output') as string).filter((m) => m.fatal || m.fix !== undefined || m.messageId === 'legacy-payload')).toEqual([]);
  });
});

describe('the fix', () => {
  /** Every problem the rule reports on the included fixtures, with the case it comes from. */
  const problems = included.flatMap((c) => lint(c, readCase(c, 'input') as string).map((m) => ({ file: `${c.folder}/${c.name}.${c.ext}`, id: m.messageId, fixed: m.fix !== undefined })));

  it('is offered on every pending migration and on nothing else (review sites and errors are reported without one)', () => {
    expect(problems.filter((p) => p.fixed !== (p.id === 'legacy-payload'))).toEqual([]);
    expect(new Set(problems.filter((p) => !p.fixed).map((p) => FINDINGS[p.id as FindingId].severity))).toEqual(new Set(['review']));
    expect(problems.filter((p) => p.file.startsWith('review/') && p.id !== 'legacy-payload')).toHaveLength(12);
  });
});

const PAYPAL = readCase({ folder: 'payPal', name: 'seed', ext: 'js' }, 'input') as string;
const PAYPAL_MIGRATED = readCase({ folder: 'payPal', name: 'seed', ext: 'js' }, 'output') as string;
/** A session id every page can read (`window` is always defined): the default `sessionId` is not, on these pages. */
const DEFINED = 'window.drCheckout.sessionId';

/** A project folder under the temporary folder holding `files`; returns its path. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Lints `text` as `path` in `cwd` with the given rule (the test's own by default) and returns the fixed text. */
function fixIn(cwd: string, path: string, text: string, options: Options[] = [], withRule = rule): { messages: Linter.LintMessage[]; output: string } {
  const config: Linter.Config = { files: ['**'], plugins: { 'dr-migrate': { rules: { 'no-legacy-payload': withRule } } }, rules: { 'dr-migrate/no-legacy-payload': ['error', ...options] } };
  const linter = new Linter({ cwd });
  const messages = linter.verify(text, config, join(cwd, path));
  return { messages, output: linter.verifyAndFix(text, config, join(cwd, path)).output };
}

describe('options and the configuration file', () => {
  it('takes sessionId from the nearest dr-migrate.config.json, and the rule option over it', () => {
    const dir = project('config-json', { 'dr-migrate.config.json': '{ "sessionId": "checkout.payment.session.id" }\n', 'web/js/.keep': '' });
    expect(fixIn(dir, 'web/js/pay.js', PAYPAL).output).toBe(PAYPAL_MIGRATED.replace('"sessionId": sessionId', '"sessionId": checkout.payment.session.id'));
    expect(fixIn(dir, 'web/js/pay.js', PAYPAL, [{ sessionId: 'cart.sessionId' }]).output).toBe(PAYPAL_MIGRATED.replace('"sessionId": sessionId', '"sessionId": cart.sessionId'));
  });

  it('reads a JavaScript module configuration (dr-migrate.config.mjs) without waiting', () => {
    const dir = project('config-mjs', { 'dr-migrate.config.mjs': "export default { sessionId: 'drSession.id' };\n" });
    expect(fixIn(dir, 'pay.js', PAYPAL).output).toBe(PAYPAL_MIGRATED.replace('"sessionId": sessionId', '"sessionId": drSession.id'));
  });

  it('stops at a repository root, as the command does', () => {
    const dir = project('config-outer', { 'dr-migrate.config.json': '{ "sessionId": "outer.id" }\n', 'repo/.git/HEAD': 'ref: refs/heads/main\n' });
    expect(fixIn(join(dir, 'repo'), 'pay.js', PAYPAL).output).toBe(PAYPAL_MIGRATED);
  });

  it('leaves payloads of methods not among `methods` alone, from the option or the configuration', () => {
    const dir = project('config-methods', { 'package.json': '{ "name": "shop", "dr-migrate": { "methods": ["creditCard"] } }\n' });
    expect(fixIn(dir, 'pay.js', PAYPAL).messages).toEqual([]);
    // A session id the page can read: the default one, undefined there, would also be reported (issue 17).
    expect(fixIn(dir, 'pay.js', PAYPAL, [{ methods: ['payPal'], sessionId: DEFINED }]).messages.map((m) => m.messageId)).toEqual(['legacy-payload']);
  });

  it('fails with the command\'s message on an invalid configuration, and ESLint refuses an unknown option', () => {
    const dir = project('config-invalid', { 'dr-migrate.config.json': '{ "sessionID": "x" }\n' });
    expect(() => fixIn(dir, 'pay.js', PAYPAL)).toThrow('dr-migrate.config.json: unknown key "sessionID" (did you mean sessionId?)');
    expect(() => fixIn(join(work, 'config-json'), 'pay.js', PAYPAL, [{ markReview: true }])).toThrow(/should NOT have additional properties/);
  });

  it('reads the configuration only for a file that passes the prefilter', () => {
    const dir = project('config-broken', { 'dr-migrate.config.json': '{ not json' });
    expect(fixIn(dir, 'util.js', 'export const sum = (a, b) => a + b;\n').messages).toEqual([]);
    expect(() => fixIn(dir, 'pay.js', PAYPAL)).toThrow('dr-migrate.config.json:1:3: not valid JSON: unexpected "n", expected a property name in double quotes');
  });
});

describe('the prefilter', () => {
  it('keeps the engine from being loaded or called for a file that names none of the calls', () => {
    const load = vi.fn(() => processText);
    const spied = noLegacyPayload(load);
    const dir = project('prefilter', {});
    // ts.createSourceFile is TypeScript's, not DigitalRiver.js's: a longer name does not pass.
    const plain = "import ts from 'typescript';\nexport const parse = (t) => ts.createSourceFile('x.ts', t, 99);\n";
    expect(fixIn(dir, 'util.js', plain, [], spied).messages).toEqual([]);
    expect(load).not.toHaveBeenCalled();
    expect(fixIn(dir, 'pay.js', PAYPAL, [{ sessionId: DEFINED }], spied).messages.map((m) => m.messageId)).toEqual(['legacy-payload']);
    expect(load).toHaveBeenCalled();
  });
});

describe('the path the engine is given', () => {
  it('is relative to ESLint\'s working directory, so the folders above the project do not make it server code', () => {
    // The receiver is a parameter: only the payload's type says DigitalRiver.js, which does not count in server/.
    const code = "export function pay(dr, order) {\n  return dr.createSource({ type: 'payPal', amount: order.total, currency: 'USD', payPal: { returnUrl: order.returnUrl } });\n}\n";
    const dir = project('server/shop', {});
    expect(fixIn(dir, 'src/pay.js', code, [{ sessionId: DEFINED }]).messages.map((m) => m.messageId)).toEqual(['legacy-payload']);
    expect(fixIn(dir, 'server/pay.js', code).messages).toEqual([]);
  });
});

describe('the docs link', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => readmeAnchor(m[1] as string)));

  it('points to the README section on the rule, by its GitHub anchor', () => {
    expect(rule.meta?.docs?.url).toBe('https://github.com/dr-migrate/dr-migrate#in-your-editor');
    expect(RULE_DOCS_URL).toBe(`https://github.com/dr-migrate/dr-migrate#${readmeAnchor(RULE_DOCS_HEADING)}`);
    expect(readme).toContain(`\n## ${RULE_DOCS_HEADING}\n`);
  });

  it('computes anchors as the README\'s own links use them', () => {
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((l) => !anchors.has(l as string))).toEqual([]);
  });
});
