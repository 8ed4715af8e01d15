// The files that may declare a builder looked for by name (issue 13 §1): every script the run found whose text
// holds the name as a word. Only a call site the checker cannot resolve asks, so a tree without one pays nothing.

import { dialectFor } from '../../engine/parse.js';
import { readSource } from '../collect/files.js';

/** Absolute paths and texts of the scripts among `discovered` that name `name`, in the order given. */
export async function filesNaming(
  name: string,
  discovered: readonly string[],
  known: (abs: string) => string | undefined,
): Promise<{ readonly abs: string; readonly text: string }[]> {
  const bytes = Buffer.from(name);
  const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  const out: { abs: string; text: string }[] = [];
  for (const abs of discovered) {
    if (!dialectFor(abs)) continue;
    let text = known(abs);
    if (text === undefined) {
      const read = await readSource(abs, (b) => b.includes(bytes)).catch(() => undefined);
      if (read?.kind !== 'text') continue;
      text = read.text;
    }
    if (word.test(text)) out.push({ abs, text });
  }
  return out;
}
