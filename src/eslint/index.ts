// `dr-migrate/eslint`: the ESLint plugin, flat-config ready, with its one rule and a recommended configuration.

import type { ESLint, Linter } from 'eslint';
import { VERSION } from '../version.js';
import { loadProcessText } from './engine.js';
import { noLegacyPayload } from './rule.js';

export { RULE_DOCS_URL } from './docs.js';
export type { RuleOptions } from './options.js';

/** `drMigrate.configs.recommended` in eslint.config.js: the plugin, and the rule as an error. */
const recommended: Linter.Config = { name: 'dr-migrate/recommended', rules: { 'dr-migrate/no-legacy-payload': 'error' } };

const plugin = {
  meta: { name: 'dr-migrate', version: VERSION },
  rules: { 'no-legacy-payload': noLegacyPayload(loadProcessText) },
  configs: { recommended },
} satisfies ESLint.Plugin;

recommended.plugins = { 'dr-migrate': plugin };

export default plugin;
