// The review marker (--mark-review): one `// TODO(dr-migrate): <reason>` line above a call that needs a person.

import type { Edit } from './span.js';
import { blankBefore, eolAt, indentOf, lineStart } from './text.js';

export const REVIEW_MARKER = 'TODO(dr-migrate):';

/**
 * A `// TODO(dr-migrate): …` line above the statement holding a call that needs review, once: not when the line
 * above already carries a marker, and not when the statement shares its line with other code.
 */
export function reviewMarker(text: string, statementStart: number, message: string): Edit | undefined {
  const ls = lineStart(text, statementStart);
  if (!blankBefore(text, statementStart)) return undefined;
  let end = ls;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  const previous = text.slice(lineStart(text, end), end);
  if (previous.includes(REVIEW_MARKER)) return undefined;
  const line = `${indentOf(text, statementStart)}// ${REVIEW_MARKER} ${message.replace(/[\r\n]+/g, ' ')}${eolAt(text, statementStart)}`;
  return { start: ls, end: ls, text: line };
}
