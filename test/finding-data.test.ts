// A finding's data is checked against its id where it is made (issue 16): a misspelt or missing key does not compile.
// `npm test` type-checks this file (tsc -p tsconfig.test.json): each @ts-expect-error below fails that step the day
// the mistake it marks compiles again.

import { describe, expect, it } from 'vitest';
import { idAndData, messageOf, type IdAndData } from '../src/rules/findings.js';

describe('finding data', () => {
  it('is typed by the id it goes with', () => {
    const made: IdAndData[] = [
      { id: 'payload-unresolved', data: { why: 'it is read from `response.sourceData`' } },
      idAndData('unknown-key', { key: 'locale', method: 'klarnaCredit' }),
      // @ts-expect-error: payload-unresolved reads `why`; `reason` is a misspelling
      { id: 'payload-unresolved', data: { reason: 'x' } },
      // @ts-expect-error: unknown-key needs the `method` its message names
      idAndData('unknown-key', { key: 'locale' }),
      // @ts-expect-error: an id no finding has
      { id: 'payload-unresolve', data: { why: 'x' } },
    ];
    expect(messageOf(made[0]!.id, made[0]!.data as Readonly<Record<string, string>>)).toBe('Payload not migrated: it is read from `response.sourceData`; migrate it by hand.');
    expect(messageOf(made[1]!.id, made[1]!.data as Readonly<Record<string, string>>)).toBe(
      'Kept "locale": not a documented klarnaCredit field; check it is still wanted with payment sessions.',
    );
  });
});
