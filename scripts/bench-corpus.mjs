// Deterministic corpora for scripts/bench.mjs: DigitalRiver.js files in the shapes of the fixture suite, padded with
// the kind of unrelated code that surrounds them in a real checkout, from a seeded generator.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every fixture input, and whether its expected output differs from it. */
export function fixtureCases(root) {
  const out = [];
  for (const folder of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(join(root, folder)).sort()) {
      const m = /^(.+)\.input\.([A-Za-z0-9]+)$/.exec(file);
      if (!m) continue;
      const text = readFileSync(join(root, folder, file), 'utf8');
      const outPath = join(root, folder, `${m[1]}.output.${m[2]}`);
      const changes = existsSync(outPath) && readFileSync(outPath, 'utf8') !== text;
      out.push({ name: `${folder}/${m[1]}`, ext: m[2], text, changes });
    }
  }
  return out;
}

const FILLERS = [
  (n, r) => `
function lineTotal${n}(items) {
  var total = 0;
  for (var i = 0; i < items.length; i++) {
    total += items[i].price * items[i].quantity;
  }
  return Math.round(total * 100) / 100;
}
`,
  (n, r) => `
function formatPrice${n}(value, currency) {
  var amount = Number(value || 0).toFixed(2);
  return currency === '${pick(r, ['EUR', 'USD', 'JPY', 'GBP'])}' ? amount + ' ' + currency : currency + ' ' + amount;
}
`,
  (n, r) => `
$(document).on('change', '#${pick(r, ['shipping', 'billing', 'coupon', 'gift'])}-field-${n}', function (event) {
  var value = $(event.target).val();
  if (!value) {
    $('#error-${n}').text('${pick(r, ['Please fill in this field', 'Required', 'Invalid value'])}').show();
    return;
  }
  $('#error-${n}').hide();
  window.checkoutState = Object.assign({}, window.checkoutState, { field${n}: value });
});
`,
  (n, r) => `
var messages${n} = {
  required: '${pick(r, ['This field is required', 'Required field'])}',
  invalidEmail: 'Please enter a valid email address',
  cardDeclined: 'Your card was declined',
  retry: ${Math.floor(r() * 5) + 1}
};
`,
  (n, r) => `
function validateAddress${n}(address) {
  var errors = [];
  ['line1', 'city', 'postalCode', 'country'].forEach(function (key) {
    if (!address || !address[key]) errors.push(key);
  });
  if (address && address.country === '${pick(r, ['US', 'DE', 'JP', 'FR'])}' && !/^[0-9A-Z -]{3,10}$/.test(address.postalCode)) {
    errors.push('postalCode');
  }
  return errors;
}
`,
  (n, r) => `
function request${n}(url, body) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': String(Date.now()) + '-${n}' },
    body: JSON.stringify(body)
  }).then(function (response) {
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
  });
}
`,
];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function filler(random, count, base) {
  let s = '';
  for (let i = 0; i < count; i++) s += pick(random, FILLERS)(base + i, random);
  return s;
}

/**
 * `count` files: each a fixture input (four in five of them one that changes) followed by 1 to 8 blocks of unrelated
 * checkout code, spread over nested folders of about 40 files.
 */
export function denseFiles(cases, count, seed) {
  const random = mulberry32(seed);
  const changing = cases.filter((c) => c.changes);
  const other = cases.filter((c) => !c.changes);
  const files = [];
  for (let i = 0; i < count; i++) {
    const c = other.length > 0 && random() < 0.2 ? pick(random, other) : pick(random, changing);
    const body = c.text.endsWith('\n') ? c.text : `${c.text}\n`;
    const dir = `app/module-${Math.floor(i / 400)}/feature-${Math.floor(i / 40) % 10}`;
    files.push({ path: `${dir}/checkout-${i}.${c.ext}`, text: body + filler(random, 1 + Math.floor(random() * 8), i * 100) });
  }
  return files;
}

/** A module with no DigitalRiver.js code, for the small project of the cold-start rows. */
export function plainModule(random, n) {
  return `// Checkout helpers, part ${n}.\n${filler(random, 4, n * 10)}`;
}
