// The settings half of --cache's key (issue 14): every scanner setting that can change a result changes it; the bytes
// handed over and the timings do not; the order in which a set or an object was built does not.

import { describe, expect, it } from 'vitest';
import { settingsKey } from '../src/run/collect/cache-key.js';
import type { ScannerSettings } from '../src/run/collect/file-scanner.js';
import { toEngineOptions } from '../src/options.js';

const base: ScannerSettings = { engine: toEngineOptions({}), keepAll: false };

describe('settingsKey', () => {
  it('changes with every engine option and with --explain', () => {
    const variants: ScannerSettings[] = [
      { ...base, keepAll: true },
      { ...base, engine: toEngineOptions({ methods: ['payPal'] }) },
      { ...base, engine: toEngineOptions({ sessionId: 'checkout.session.id' }) },
      { ...base, engine: toEngineOptions({ phpSessionId: '$session->id' }) },
      { ...base, engine: toEngineOptions({ removeCardAmounts: true }) },
      { ...base, engine: toEngineOptions({ markReview: true }) },
      { ...base, engine: toEngineOptions({ paymentRequestSessionId: true }) },
      { ...base, engine: toEngineOptions({ dropLegacyBranches: true }) },
      { ...base, engine: { ...toEngineOptions({}), prefilter: ['createSource'] } },
    ];
    const keys = new Set([settingsKey(base), ...variants.map(settingsKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('is the same whatever the order of the methods or the keys, and without the bytes or the timings', () => {
    const a = { ...base, engine: toEngineOptions({ methods: ['payPal', 'klarnaCredit'] }) };
    const b = { keepAll: false, engine: toEngineOptions({ methods: ['klarnaCredit', 'payPal'] }) };
    expect(settingsKey(b)).toBe(settingsKey(a));
    expect(settingsKey({ ...a, contents: new Map([['a.js', new Uint8Array([1])]]), timings: true })).toBe(settingsKey(a));
  });
});
