// SARIF 2.1.0 for code-scanning upload: one run, the findings table as rules, results sorted by path and line.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FINDINGS, FINDING_IDS, helpUri, LEGACY_PAYLOAD, type ReadmeSection, type Severity } from '../rules/findings.js';
import { toPosix } from '../run/paths.js';
import type { RunResult } from '../run/result.js';
import { annotations, type Annotation, type Level } from './annotations.js';

const LEVEL: Readonly<Record<Exclude<Severity, 'info'>, Level>> = { error: 'error', review: 'error', legacy: 'error', warning: 'warning' };

interface Rule {
  readonly id: Annotation['ruleId'];
  readonly level: Level;
  readonly description: string;
  readonly help: ReadmeSection;
}

/**
 * The rules results can be reported under: `legacy-payload` and every finding that is not info. Info findings never
 * become results (see annotations()), so they are not listed.
 */
const RULES: readonly Rule[] = [
  { id: 'legacy-payload', level: 'error', description: LEGACY_PAYLOAD.description, help: LEGACY_PAYLOAD.help },
  ...FINDING_IDS.flatMap((id): Rule[] => {
    const { severity, description, help } = FINDINGS[id];
    return severity === 'info' ? [] : [{ id, level: LEVEL[severity], description, help }];
  }),
];

/** The partialFingerprints key under which a result carries its call site's fingerprint (issue 9's site identity). */
const SITE_FINGERPRINT = 'drMigrateSite/v1';

export function toSarif(result: RunResult): object {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const found = annotations(result);
  const prints = siteFingerprints(found);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dr-migrate',
            version: result.version,
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: helpUri(r.help),
              defaultConfiguration: { level: r.level },
            })),
          },
        },
        ...sourceRoot(result),
        results: found.map((a, i) => {
          const print = prints[i];
          return {
            ruleId: a.ruleId,
            ...(index.has(a.ruleId) ? { ruleIndex: index.get(a.ruleId) } : {}),
            level: a.level,
            message: { text: a.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(a.path), uriBaseId: 'SRCROOT' },
                  region: { startLine: a.line, startColumn: a.column },
                },
              },
            ],
            ...(print !== undefined ? { partialFingerprints: { [SITE_FINGERPRINT]: print } } : {}),
          };
        }),
      },
    ],
  };
}

/**
 * Each result's identity for code scanning, so that an alert follows its call site when lines shift: the site's
 * fingerprint, with `/2`, `/3`… for further results of the same rule on the same site of a file (two fields set by
 * statements that cannot be removed). Results without a site (a file that does not parse) get none, and code
 * scanning computes its own.
 */
function siteFingerprints(found: readonly Annotation[]): (string | undefined)[] {
  const seen = new Map<string, number>();
  return found.map((a) => {
    if (a.site === undefined) return undefined;
    const key = `${a.path}\0${a.ruleId}\0${a.site}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? a.site : `${a.site}/${n}`;
  });
}

/**
 * SRCROOT, the directory the results' paths are relative to: the repository root (the working directory outside a
 * repository) when every reported file has the same one; otherwise none is named, and a consumer such as code
 * scanning resolves the paths against its checkout, as it does anyway.
 */
function sourceRoot(result: RunResult): { originalUriBaseIds?: { SRCROOT: { uri: string } } } {
  const roots = new Set<string>();
  for (const f of result.files) {
    const abs = toPosix(resolve(result.cwd, f.path));
    const rel = f.repoPath ?? f.path;
    roots.add(abs.endsWith(`/${rel}`) ? abs.slice(0, -rel.length) : '');
  }
  const [root = toPosix(result.cwd).replace(/\/?$/, '/'), ...others] = roots;
  if (others.length > 0 || root === '') return {};
  const uri = pathToFileURL(root).href;
  return { originalUriBaseIds: { SRCROOT: { uri: uri.endsWith('/') ? uri : `${uri}/` } } };
}

export function formatSarif(result: RunResult): string {
  return `${JSON.stringify(toSarif(result), null, 2)}\n`;
}
