// The rule `dr-migrate/no-legacy-payload`: the engine on the linted text, its findings as problems, its edits as the fix.

import { dirname, isAbsolute, relative } from 'node:path';
import type { JSRuleDefinition } from 'eslint';
import { FINDING_IDS } from '../rules/findings.js';
import { METHOD_TYPES } from '../rules/methods.js';
import { RULE_DOCS_URL } from './docs.js';
import { mayHoldSites, type ProcessText } from './engine.js';
import { engineOptionsFor, type RuleOptions } from './options.js';
import { problemsOf, type ProblemId } from './reports.js';

export type NoLegacyPayload = JSRuleDefinition<{ RuleOptions: [RuleOptions?]; MessageIds: ProblemId }>;

/** Every id the engine may report, each worded by the finding table: the message is the command's own. */
const MESSAGES = Object.fromEntries(['legacy-payload', ...FINDING_IDS].map((id) => [id, '{{message}}'])) as Record<ProblemId, string>;

/**
 * The path the engine is given: relative to ESLint's working directory, as the command has it when run there. The
 * engine reads folders in it (`server/`, `node/` hold server code), so the folders above the project must not count.
 */
function enginePath(filename: string, cwd: string): string {
  const rel = isAbsolute(filename) ? relative(cwd, filename) : filename;
  return (rel === '' || isAbsolute(rel) ? filename : rel).split('\\').join('/');
}

/** The rule, given the engine entry to call (the plugin passes one that loads the engine on first use). */
export function noLegacyPayload(processText: () => ProcessText): NoLegacyPayload {
  return {
    meta: {
      type: 'problem',
      docs: {
        description: 'Report DigitalRiver.js createSource payloads that do not use payment sessions yet, and migrate them',
        url: RULE_DOCS_URL,
      },
      fixable: 'code',
      schema: [
        {
          type: 'object',
          properties: {
            sessionId: { type: 'string', minLength: 1 },
            methods: { type: 'array', items: { enum: [...METHOD_TYPES] }, uniqueItems: true, minItems: 1 },
            removeCardAmounts: { type: 'boolean' },
          },
          additionalProperties: false,
        },
      ],
      messages: MESSAGES,
    },
    create(context) {
      const text = context.sourceCode.text;
      const path = enginePath(context.filename, context.cwd);
      // The prefilter before anything else: most files of a project name no DigitalRiver.js call.
      if (!mayHoldSites(path, text)) return {};
      const options = engineOptionsFor(dirname(context.physicalFilename), context.cwd, context.options[0] ?? {});
      const outcome = processText()(path, text, options);
      for (const p of problemsOf(text, outcome)) {
        const { fix } = p;
        context.report({
          loc: { line: p.line, column: p.column },
          messageId: p.id,
          data: { message: p.message },
          ...(fix ? { fix: (fixer) => fixer.replaceTextRange([fix.range[0], fix.range[1]], fix.text) } : {}),
        });
      }
      return {};
    },
  };
}
