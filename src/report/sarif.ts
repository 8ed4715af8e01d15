// SARIF 2.1.0 for code-scanning upload: one run, the finding table as rules, results sorted by path and line.

import { FINDINGS, FINDING_IDS } from '../findings.js';
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
        originalUriBaseIds: { SRCROOT: { uri: `file://${encodeURI(result.cwd.endsWith('/') ? result.cwd : `${result.cwd}/`)}` } },
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

export function formatSarif(result: RunResult): string {
  return `${JSON.stringify(toSarif(result), null, 2)}\n`;
}
