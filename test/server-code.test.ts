// Server code is told from browser code by its folder and markers: a DigitalRiver.js `type` is evidence only in the
// browser (issue 18).

import { describe, expect, it } from 'vitest';
import { toEngineOptions } from '../src/options.js';
import { processText } from '../src/engine/process-text.js';

const SOURCE = `function addSource(payments, cart) {
  return payments.createSource({
    type: 'payPal',
    amount: cart.total,
    currency: cart.currency,
    payPal: { returnUrl: cart.returnUrl, cancelUrl: cart.cancelUrl }
  });
}
`;

const decide = (path: string) => {
  const { result, output } = processText(path, SOURCE, toEngineOptions({}));
  return { changed: output !== undefined, findings: result.findings.map((f) => [f.id, f.line, f.data.why ?? '']) };
};

describe('a payload whose receiver is not traced, judged by the folder it is in', () => {
  it.each([
    ['cartridge/scripts/digitalriver/sources.js', 'cartridge/scripts/'],
    ['int_digitalriver/cartridge/controllers/DRPayment.js', 'cartridge/controllers/'],
    ['app/server/payments.js', 'server/'],
    ['services/node/checkout.mjs', 'node/'],
    ['netlify/functions/source.js', 'functions/'],
  ])('%s is server code: left alone, saying which folder', (path, folder) => {
    expect(decide(path)).toEqual({
      changed: false,
      findings: [['not-digitalriver', 2, `the file is in a server folder (\`${folder}\`), and nothing traces the receiver to new DigitalRiver(…)`]],
    });
  });

  it.each(['int_digitalriver/cartridge/client/default/js/checkout.js', 'web/js/checkout.js', 'node_modules_local/checkout.js', 'observer/checkout.js'])(
    '%s may run in a browser: the DigitalRiver.js type is evidence and the payload is migrated',
    (path) => {
      const d = decide(path);
      expect(d.changed).toBe(true);
      expect(d.findings.map(([id]) => id)).toEqual(['migrated', 'session-id-unbound']);
    },
  );
});
