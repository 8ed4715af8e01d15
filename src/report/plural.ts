// Counts in words, "1 file" / "2 files", by the English plural rules (Intl.PluralRules), for every report.

const RULES = new Intl.PluralRules('en-US');

/** The noun for `n`: `one` when English says so, else `other` (`one` + "s" unless given). */
export function noun(n: number, one: string, other = `${one}s`): string {
  return RULES.select(n) === 'one' ? one : other;
}

/** `n` and its noun: `count(1, 'file')` is "1 file", `count(2, 'file')` "2 files". */
export function count(n: number, one: string, other?: string): string {
  return `${n} ${noun(n, one, other)}`;
}
