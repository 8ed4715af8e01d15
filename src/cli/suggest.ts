// "Did you mean …?": the nearest of a few known words to one the user typed (config keys, --methods values, subcommands).

/** Edit distance counting a swap of two neighbours as one edit, as commander's own suggestions do ("inventroy"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The known word nearest to `typed`, if it is near enough to be a slip: a difference of case alone, or at most two
 * edits and fewer than half the word's letters. Ties go to the first in `known`.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const word of known) {
    const distance = word.toLowerCase() === typed.toLowerCase() ? 0 : editDistance(typed.toLowerCase(), word.toLowerCase());
    if (best === undefined || distance < best.distance) best = { word, distance };
  }
  if (best === undefined || best.word === typed) return undefined;
  return best.distance <= 2 && best.distance * 2 < typed.length ? best.word : undefined;
}

/** ` (did you mean X?)`, or nothing when no known word is near. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const word = closest(typed, known);
  return word === undefined ? '' : ` (did you mean ${word}?)`;
}

/** Words people type for a flag: `dr-migrate help`, `dr-migrate -v`. */
const FLAG_WORDS: Readonly<Record<string, string>> = { help: '--help', '-help': '--help', version: '--version', '-v': '--version', '-version': '--version' };

/** What a first argument that is no path was probably meant to be: a flag (`help`) or a subcommand (`inventroy`). */
export function commandSlip(word: string, commands: readonly string[]): string | undefined {
  return FLAG_WORDS[word.toLowerCase()] ?? closest(word, commands);
}
