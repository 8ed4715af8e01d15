// The engine as the rule reaches it: the CLI's prefilter on the text first, then processText, loaded on first use.

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mightContainCalls } from '../engine/prefilter.js';
import { isPhpHost, mightHoldPhpPayload } from '../engine/hosts/php-arrays.js';
import type { processText } from '../engine/process-text.js';

export type ProcessText = typeof processText;

/**
 * The file scanner's test (src/run/collect/file-scanner.ts `byteTestFor`) on decoded text: a file that fails it holds
 * nothing the engine changes or reports, so the rule returns before loading or calling the engine (issue 7).
 */
export function mayHoldSites(path: string, text: string): boolean {
  return mightContainCalls(text) || (isPhpHost(path) && mightHoldPhpPayload(text));
}

let loaded: ProcessText | undefined;

const modified = (path: string): number => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;

/**
 * Where processText is: beside this code when it is itself the bundle (dist/bundle/cjs/eslint.js, what the package ships,
 * issue 17); from tsc's output (dist/src/eslint), the bundle while it is at least as new, as bin/dr-migrate.js decides.
 */
function processTextPath(): string {
  if (modified('./process-text.js') >= 0) return './process-text.js';
  const bundle = modified('../../bundle/cjs/process-text.js');
  return bundle >= 0 && bundle >= modified('../engine/process-text.js') ? '../../bundle/cjs/process-text.js' : '../engine/process-text.js';
}

/**
 * processText, required on the first file that passes the prefilter: ESLint rules run synchronously, and require()
 * loads ES modules synchronously on Node 20.19 and later. Linting a project where no file names a DigitalRiver.js
 * call never loads Babel. From the bundle (half the start-up of tsc's hundreds of modules) where there is one.
 */
export function loadProcessText(): ProcessText {
  loaded ??= (createRequire(import.meta.url)(processTextPath()) as { processText: ProcessText }).processText;
  return loaded;
}
