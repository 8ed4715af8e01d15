// Generated payload programs, part 2: a writer that renders object literals and statements and records their spans.

import { VALUE_COUNT, type Comment, type DetailsModel, type ProgramModel, type PropModel, type Quote } from './payload-model.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A property as rendered: which key at which level, and the span of its `key: value` text. */
export interface RenderedProp extends Span {
  readonly key: string;
  readonly level: 'top' | 'details';
  /** A trailing comment on the property's line: it goes when the property goes, and stays otherwise. */
  readonly trailing?: Span;
}

export interface Rendered {
  readonly text: string;
  readonly props: readonly RenderedProp[];
  /** Comments on their own line or before a property: never touched. */
  readonly comments: readonly Span[];
  /** Where edits may fall: the payload's object literals and the statements that set its fields. */
  readonly regions: readonly Span[];
  /** Text of the companion payload that stays: its `type` and details properties. */
  readonly companionKept: readonly Span[];
  /** `Object.assign(payload, {…})`: removed whole, comments included, when every field in it is removed. */
  readonly assignStatement?: Span;
}

export const key = (k: string, q: Quote): string => (q === 'bare' ? k : q === 'single' ? `'${k}'` : q === 'double' ? `"${k}"` : `['${k}']`);

/** A shorthand property (`amount,`) stands for a local variable of the same name. */
export const isShorthand = (p: PropModel): boolean => p.value === VALUE_COUNT - 1;

/** Value shape `i`; a multi-line array closes at `close` indentation with items one `unit` deeper. */
function value(i: number, close: string, unit: string, eol: string, multiline: boolean): string {
  const inner = close + unit;
  switch (i) {
    case 0: return '12.5';
    case 1: return "'USD'";
    case 2: return '"a, b } // not a comment"';
    case 3: return '[1, 2]';
    case 4: return "{ name: 'n', city: \"c\" }";
    case 5: return 'cart.total';
    case 6: return 'true';
    case 9: return "'/* not a comment */'";
    case 10: return '`t-${cart.total}`';
    case 11: return '/* in the value */ 3';
    case 7: return multiline ? `[${eol}${inner}{ sku: 'a', qty: 1 },${eol}${inner}2${eol}${close}]` : "[{ sku: 'a' }]";
    default: return 'String(7)';
  }
}

export class Writer {
  text = '';
  readonly props: RenderedProp[] = [];
  readonly comments: Span[] = [];
  readonly regions: Span[] = [];
  readonly companionKept: Span[] = [];
  assignStatement?: Span;
  constructor(readonly m: ProgramModel) {}

  put(s: string): Span {
    const start = this.text.length;
    this.text += s;
    return { start, end: this.text.length };
  }

  line(depth: number, s: string): Span {
    this.put(this.m.indent.repeat(depth));
    const span = this.put(s);
    this.put(this.m.eol);
    return span;
  }

  /** An object literal at `depth` (the line its `{` opens on); `details` nests a details object inside. */
  object(depth: number, level: 'top' | 'details', props: readonly PropModel[], head: string[], details?: DetailsModel): Span {
    const m = this.m;
    const start = this.text.length;
    const entries: { render: () => void; comment: Comment }[] = [];
    const pad = m.indent.repeat(depth + 1);
    for (const p of props) {
      entries.push({
        comment: p.comment,
        render: () => {
          const text = isShorthand(p) ? p.key : `${key(p.key, p.quote)}${m.colon}${value(p.value, pad, m.indent, m.eol, m.multiline)}`;
          this.props.push({ ...this.put(text), key: p.key, level });
        },
      });
    }
    // `type` at its drawn position, a spread first; neither is ever removed.
    const headEntry = (h: string, k: string): { render: () => void; comment: Comment } => ({
      comment: 'none',
      render: () => this.props.push({ ...this.put(h), key: k, level }),
    });
    const type = head.find((h) => !h.startsWith('...'));
    const spread = head.find((h) => h.startsWith('...'));
    if (type) entries.splice(Math.min(this.m.typeIndex, entries.length), 0, headEntry(type, 'type'));
    if (spread) entries.unshift(headEntry(spread, '...'));
    if (details) {
      entries.push({
        comment: 'none',
        render: () => {
          this.put(`${key(details.key, details.quote)}${m.colon}`);
          this.object(depth + 1, 'details', details.props.filter((p) => p.place === 'literal'), []);
        },
      });
    }
    if (!m.multiline || entries.length === 0) {
      this.put(entries.length === 0 ? '{}' : '{ ');
      entries.forEach((e, i) => {
        e.render();
        if (i < entries.length - 1) this.put(', ');
      });
      if (entries.length > 0) this.put(' }');
    } else {
      this.put(`{${m.eol}`);
      entries.forEach((e, i) => {
        if (e.comment === 'own-line') this.comments.push(this.line(depth + 1, '// "liveMode": false, { note }'));
        if (e.comment === 'blank-line-before') this.put(m.eol);
        this.put(pad);
        if (e.comment === 'block-before') this.comments.push(this.put('/* kept, */'));
        if (e.comment === 'block-before') this.put(' ');
        e.render();
        if (i < entries.length - 1 || m.trailingCommas) this.put(',');
        if (e.comment === 'trailing') {
          this.put(' ');
          const c = this.put('// trailing, }');
          const last = this.props[this.props.length - 1];
          if (last) this.props[this.props.length - 1] = { ...last, trailing: c };
        }
        this.put(m.eol);
      });
      this.put(`${m.indent.repeat(depth)}}`);
    }
    const span = { start, end: this.text.length };
    this.regions.push(span);
    return span;
  }

  /** `payload.key = value;` (or `payload['key']`), a whole-line statement the engine may remove. */
  assignment(target: string, p: PropModel, level: 'top' | 'details'): void {
    const m = this.m;
    const access = m.accessor === 'dot' ? `.${p.key}` : m.accessor === 'single' ? `['${p.key}']` : `["${p.key}"]`;
    this.put(m.indent);
    const v = isShorthand(p) ? p.key : value(p.value, m.indent, m.indent, m.eol, m.multiline);
    const s = this.put(`${target}${access} = ${v}${m.semicolons ? ';' : ''}`);
    this.put(m.eol);
    this.props.push({ ...s, key: p.key, level });
    this.regions.push({ start: s.start - m.indent.length, end: this.text.length });
  }
}
