// SARIF 2.1.0 for code-scanning upload: one run, the finding table as rules, results sorted by path and line.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FINDINGS, FINDING_IDS } from '../findings.js';
import { toPosix } from '../run/paths.js';
import type { RunResult } from '../run/result.js';
import { annotations, type Level } from './annotations.js';

const LEVEL: Record<string, Level> = { error: 'error', review: 'error', warning: 'warning', info: 'note' };

export function toSarif(result: RunResult): object {
  const rules = [
    { id: 'legacy-payload', level: 'error' as Level, text: 'A DigitalRiver.js createSource payload still uses the legacy (pre-session) fields.' },
    ...FINDING_IDS.map((id) => ({ id, level: LEVEL[FINDINGS[id].severity] ?? 'note', text: `dr-migrate finding "${id}".` })),
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dr-migrate',
            version: result.version,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.text },
              defaultConfiguration: { level: r.level },
            })),
          },
        },
        ...sourceRoot(result),
        results: annotations(result, true).map((a) => ({
          ruleId: a.ruleId,
          ruleIndex: index.get(a.ruleId) ?? 0,
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
        })),
      },
    ],
  };
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
