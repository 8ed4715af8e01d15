// Generated payload programs, part 3: renders a whole program (prelude, payload origin, call) from a model.

import { MERGES, type Place, type ProgramModel, type PropModel } from './payload-model.js';
import { isShorthand, key, Writer, type Rendered } from './payload-writer.js';

export type { Rendered, RenderedProp, Span } from './payload-writer.js';

const placed = (props: readonly PropModel[], place: Place): PropModel[] => props.filter((p) => p.place === place);

/** Local variables for the shorthand properties, declared before the payload. */
function shorthandLocals(m: ProgramModel): string[] {
  const all = [...m.top, ...(m.details?.props ?? [])].filter(isShorthand);
  return [...new Set(all.map((p) => p.key))].map((k) => `var ${k} = 'local-${k}';`);
}

const MERGE_CALL: Partial<Record<ProgramModel['origin'], string>> = {
  'assign-merge': 'Object.assign({}, base, ',
  'jquery-extend': '$.extend({}, base, ',
  'underscore-extend': '_.extend({}, base, ',
};

export function render(m: ProgramModel): Rendered {
  const w = new Writer(m);
  const typeValue = { single: `'${m.method}'`, double: `"${m.method}"`, template: `\`${m.method}\``, const: 'METHOD' }[m.typeForm];
  const typeProp = `${key('type', m.typeQuote)}${m.colon}${typeValue}`;
  const semi = m.semicolons ? ';' : '';
  const el = m.element ? 'card, ' : '';
  const d = m.details;
  const inLiteral = d && d.place === 'literal' ? d : undefined;
  if (m.header === 'bom') w.put('\ufeff');
  w.line(0, m.header === 'unicode' ? '// Café ☕ 𝄞 — paiement, 決済' : '// checkout.js: generated legacy DigitalRiver.js integration');
  w.line(0, "var dr = new DigitalRiver('pk_test_123', { locale: 'en_US' });");
  if (m.element) w.line(0, "var card = dr.createElement('cardnumber', {});");
  w.line(0, 'function pay(sessionId, cart) {');
  for (const local of shorthandLocals(m)) w.line(1, local);
  if (m.typeForm === 'const') w.line(1, `const METHOD = '${m.method}'${semi}`);
  const literal = (depth: number, head: string[] = [typeProp]): void => {
    w.object(depth, 'top', placed(m.top, 'literal'), head, inLiteral);
  };
  if (m.origin === 'inline') {
    w.put(`${m.indent}return dr.createSource(${el}`);
    literal(1);
    w.put(`)${semi}${m.eol}`);
  } else {
    const depth = m.origin === 'var-in-if' ? 2 : 1;
    const pad = m.indent.repeat(depth);
    if (m.origin === 'var-in-if') w.line(1, 'if (cart) {');
    if (MERGES.includes(m.origin)) {
      w.put(`${pad}${m.declaration} base = `);
      w.object(depth, 'top', placed(m.top, 'base'), []);
      w.put(`${semi}${m.eol}`);
    }
    const declaration = m.origin === 'var-in-if' ? 'var' : m.declaration;
    const call = MERGE_CALL[m.origin];
    w.put(`${pad}${declaration} payload = ${call ?? ''}`);
    literal(depth, m.origin === 'spread-merge' ? ['...base', typeProp] : [typeProp]);
    w.put(`${call ? ')' : ''}${semi}${m.eol}`);
    if (m.origin === 'var-in-if') w.line(1, '}');
    for (const p of placed(m.top, 'after')) w.assignment('payload', p, 'top');
    if (d && d.place === 'after') {
      w.put(`${m.indent}payload.${d.key} = `);
      w.object(1, 'details', placed(d.props, 'literal'), []);
      w.put(`${semi}${m.eol}`);
    }
    if (d) for (const p of placed(d.props, 'after')) w.assignment(`payload.${d.key}`, p, 'details');
    const assigned = placed(m.top, 'assign');
    if (assigned.length > 0) {
      const s0 = w.text.length;
      w.put(`${m.indent}Object.assign(payload, `);
      w.object(1, 'top', assigned, []);
      w.put(`)${semi}${m.eol}`);
      w.assignStatement = { start: s0, end: w.text.length };
      w.regions.push(w.assignStatement);
    }
    if (m.origin === 'apply-args') {
      w.line(1, 'var args = [];');
      if (m.element) w.line(1, 'args.push(card);');
      w.line(1, 'args.push(payload);');
      w.line(1, 'return dr.createSource.apply(dr, args);');
    } else if (m.origin === 'spread-args') {
      w.line(1, `var args = [${el}payload];`);
      w.line(1, 'return dr.createSource(...args);');
    } else {
      w.line(1, `return dr.createSource(${el}payload);`);
    }
  }
  w.line(0, '}');
  if (m.companion) {
    w.line(0, 'function pay2(sessionId, cart) {');
    w.put(`${m.indent}return dr.createSource(`);
    const start = w.text.length;
    w.put('{ ');
    w.companionKept.push(w.put("type: 'wireTransfer'"));
    w.put(", amount: 1, currency: 'EUR', ");
    w.companionKept.push(w.put('wireTransfer: {}'));
    w.put(' }');
    w.regions.push({ start, end: w.text.length });
    w.put(`)${semi}${m.eol}`);
    w.line(0, '}');
  }
  return {
    text: w.text,
    props: w.props,
    comments: w.comments,
    regions: w.regions,
    companionKept: w.companionKept,
    ...(w.assignStatement ? { assignStatement: w.assignStatement } : {}),
  };
}
