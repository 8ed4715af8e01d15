// Builds a jscodeshift-compatible transform for a set of payment methods from the rules table (style.md §2).

import { processText } from './engine/process-text.js';
import { toEngineOptions } from './options.js';
import { METHOD_TYPES, type MethodType } from './rules/methods.js';

export interface FileInfo {
  readonly path: string;
  readonly source: string;
}

export interface TransformApi {
  readonly report?: (message: string) => void;
}

/** A transform as jscodeshift calls it: new text when changed, the same text when not, undefined when skipped. */
export type Transform = (file: FileInfo, api?: TransformApi, options?: Readonly<Record<string, unknown>>) => string | undefined;

function option(options: Readonly<Record<string, unknown>>, ...names: string[]): unknown {
  for (const n of names) if (options[n] !== undefined) return options[n];
  return undefined;
}

/** The transform for `methods`; jscodeshift's own flags `--session-id` and `--remove-card-amounts` are honoured. */
export function methodTransform(methods: readonly MethodType[] = METHOD_TYPES): Transform {
  return (file, api, options = {}) => {
    const sessionId = option(options, 'sessionId', 'session-id');
    const remove = option(options, 'removeCardAmounts', 'remove-card-amounts');
    const engine = toEngineOptions({
      methods,
      ...(typeof sessionId === 'string' ? { sessionId } : {}),
      removeCardAmounts: remove === true || remove === 'true',
    });
    const { result, output } = processText(file.path, file.source, engine);
    for (const f of result.findings) {
      if (f.severity === 'error') throw new Error(`${file.path}:${f.line}:${f.column} ${f.message}`);
      if (f.severity !== 'info') api?.report?.(`${file.path}:${f.line}:${f.column} ${f.message}`);
    }
    if (result.status === 'skipped') return undefined;
    return output ?? file.source;
  };
}
