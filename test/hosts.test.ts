// Template hosts (issue 4): which <script> blocks are read, how tags are found and masked, and when edits are refused.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTags } from '../src/engine/hosts/find-tags.js';
import { scriptBlocks } from '../src/engine/hosts/script-blocks.js';
import { hostTypeFor, HOST_TYPES } from '../src/engine/hosts/tag-syntax.js';
import { scriptUnits } from '../src/engine/hosts/units.js';
import { toEngineOptions } from '../src/options.js';
import { processText } from '../src/engine/process-text.js';
import { DEFAULT_EXTENSIONS } from '../src/run/collect/discover.js';

const options = toEngineOptions({});

function blocks(path: string, text: string): { code: string; dialect: string }[] {
  const tags = findTags(text, hostTypeFor(path)?.tags ?? []);
  return scriptBlocks(text, tags).map((b) => ({ code: text.slice(b.start, b.end), dialect: b.dialect }));
}

function tags(path: string, text: string): { text: string; kind: string; block?: string }[] {
  return findTags(text, hostTypeFor(path)?.tags ?? []).map((t) => ({
    text: text.slice(t.start, t.end),
    kind: t.kind,
    ...(t.block ? { block: t.block } : {}),
  }));
}

describe('script blocks', () => {
  it('reads inline script and module blocks, and leaves out src, data and template types', () => {
    const html = [
      '<script>a()</script>',
      '<SCRIPT type="text/javascript">b()</SCRIPT>',
      '<script type="module" defer>c()</script>',
      '<script src="/x.js">ignored()</script>',
      '<script src="/y.js"/>',
      '<script type="application/json">{"d": 1}</script>',
      '<script type="application/ld+json">{}</script>',
      '<script type="importmap">{}</script>',
      '<script type="text/x-magento-init">{}</script>',
      '<script type="text/x-magento-template"><%- data.x %></script>',
      '<script type="text/template"><b></b></script>',
      '<!-- <script>commented()</script> -->',
      '<script type="text/javascript; charset=utf-8">e()</script>',
      '<template><script>f()</script></template>',
      '<scripts>not a tag</scripts>',
    ].join('\n');
    expect(blocks('page.html', html).map((b) => b.code)).toEqual(['a()', 'b()', 'c()', 'e()', 'f()']);
  });

  it('takes the dialect from lang, and skips languages it does not parse', () => {
    const vue = '<script>a()</script>\n<script setup lang="ts">b()</script>\n<script lang="tsx">c()</script>\n<script lang="coffee">d()</script>';
    expect(blocks('C.vue', vue)).toEqual([
      { code: 'a()', dialect: 'js' },
      { code: 'b()', dialect: 'ts' },
      { code: 'c()', dialect: 'tsx' },
    ]);
  });

  it('skips template tags inside the opening tag, and a type written by a tag', () => {
    const php = '<script nonce="<?= $n ?>" <?php if ($d): ?>defer<?php endif; ?>>a()</script>\n<script type="<?= $t ?>">b()</script>';
    expect(blocks('x.phtml', php).map((b) => b.code)).toEqual(['a()']);
  });

  it('does not see <script> inside a template tag, SFCC <isscript> or <iscomment>', () => {
    expect(blocks('x.php', "<?php echo '<script>a()</script>'; ?><script>b()</script>").map((b) => b.code)).toEqual(['b()']);
    const isml = '<isscript>var s = "<script>a()</script>";</isscript><iscomment><script>b()</script></iscomment><script>c()</script>';
    expect(blocks('x.isml', isml).map((b) => b.code)).toEqual(['c()']);
  });

  it('ends a block at the first </script> outside a tag', () => {
    expect(blocks('x.php', "<script>a('<?= '</script>' ?>')</script>").map((b) => b.code)).toEqual(["a('<?= '</script>' ?>')"]);
  });
});

describe('template tags', () => {
  it('finds PHP tags, honouring ?> inside PHP strings and comments, and an unclosed last tag', () => {
    const text = '<?= $a ?> <?php echo "?>"; ?> <?php /* ?> */ if ($x): ?> <?php endif; ?> <?xml ?> <?php // note ?>\n<?php\nfoo();';
    expect(tags('a.phtml', text)).toEqual([
      { text: '<?= $a ?>', kind: 'output' },
      { text: '<?php echo "?>"; ?>', kind: 'output' },
      { text: '<?php /* ?> */ if ($x): ?>', kind: 'code', block: 'open' },
      { text: '<?php endif; ?>', kind: 'code', block: 'close' },
      { text: '<?php // note ?>', kind: 'comment' },
      { text: '<?php\nfoo();', kind: 'code' },
    ]);
  });

  it('finds ISML expressions with braces and quotes inside, and ISML tags with > in an expression', () => {
    const text = "${a('}')} <isprint value=\"${x > 1 ? 'a' : 'b'}\" encoding=\"off\"/> <isif condition=\"${a}\">1<iselse/>2</isif>";
    expect(tags('a.isml', text)).toEqual([
      { text: "${a('}')}", kind: 'output' },
      { text: '<isprint value="${x > 1 ? \'a\' : \'b\'}" encoding="off"/>', kind: 'output' },
      { text: '<isif condition="${a}">', kind: 'code', block: 'open' },
      { text: '<iselse/>', kind: 'code', block: 'middle' },
      { text: '</isif>', kind: 'code', block: 'close' },
    ]);
  });

  it('finds Visualforce merge fields and components, JSP EL and actions, ERB and Handlebars tags', () => {
    expect(tags('a.page', "{!IF(a, '}', b)} <apex:outputText value=\"{!x}\"/>").map((t) => t.text)).toEqual([
      "{!IF(a, '}', b)}",
      '<apex:outputText value="{!x}"/>',
    ]);
    expect(tags('a.jsp', '<%-- c --%> ${a.b} #{c} <c:if test="${d}">x</c:if> <%= e %>')).toEqual([
      { text: '<%-- c --%>', kind: 'comment' },
      { text: '${a.b}', kind: 'output' },
      { text: '#{c}', kind: 'output' },
      { text: '<c:if test="${d}">', kind: 'code', block: 'open' },
      { text: '</c:if>', kind: 'code', block: 'close' },
      { text: '<%= e %>', kind: 'output' },
    ]);
    expect(tags('a.erb', '<%# c %><% if x %><%= y %><% else %><% end %>').map((t) => t.block ?? t.kind)).toEqual([
      'comment',
      'open',
      'output',
      'middle',
      'close',
    ]);
    expect(tags('a.hbs', '{{!-- c --}}{{#if a}}{{{b}}}{{else}}{{c}}{{/if}}').map((t) => t.block ?? t.kind)).toEqual([
      'comment',
      'open',
      'output',
      'middle',
      'output',
      'close',
    ]);
  });

  it('counts {{ }} and {% %} as tags in .html, and {# only before a space (not a private field)', () => {
    expect(tags('a.html', "{{ a }} {% if b %} {# c #} class X {#y = 1; z() { return '#}'; } }").map((t) => t.text)).toEqual([
      '{{ a }}',
      '{% if b %}',
      '{# c #}',
    ]);
  });

  it('has no tags in Vue and Svelte script blocks', () => {
    expect(tags('a.vue', '{{ a }} ${b}')).toEqual([]);
    expect(tags('a.svelte', '{a} {#if b}{/if}')).toEqual([]);
  });
});

describe('masking', () => {
  const ROOT = join(import.meta.dirname, '..', 'fixtures', 'templates');
  const inputs = readdirSync(ROOT).filter((f) => /\.input\./.test(f));

  it.each(inputs)('%s: every masked block has the host text\'s length and line breaks, outside tags its bytes', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const units = scriptUnits(file.replace('.input.', '.'), text) ?? [];
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) {
      const original = text.slice(u.start, u.start + u.text.length);
      expect(u.text.length).toBe(original.length);
      expect([...u.text.matchAll(/\r\n|\n|\r/g)].map((m) => m.index)).toEqual([...original.matchAll(/\r\n|\n|\r/g)].map((m) => m.index));
      let outside = '';
      let masked = '';
      let pos = 0;
      for (const t of u.template?.tags ?? []) {
        outside += original.slice(pos, t.start);
        masked += u.text.slice(pos, t.start);
        pos = t.end;
      }
      expect(masked + u.text.slice(pos)).toBe(outside + original.slice(pos));
    }
  });

  const masked = (path: string, text: string): string => (scriptUnits(path, `<script>${text}</script>`) ?? [])[0]?.text ?? '';

  it('masks by position: a name for a value, a spread for properties, a comment between statements, filler in strings', () => {
    expect(masked('a.phtml', 'createSource; x = <?= $a ?>;')).toBe('createSource; x = _0_______;');
    expect(masked('a.phtml', "createSource({ a: 1, <?= $b ?> })")).toBe('createSource({ a: 1, ..._0____ })');
    expect(masked('a.phtml', 'createSource;\n<?php if ($x): ?>\nf();')).toBe('createSource;\n/*_____________*/\nf();');
    expect(masked('a.phtml', "createSource('<?= $a ?>')")).toBe("createSource('_0_______')");
    expect(masked('a.phtml', 'createSource(1, "<?= $a\n ?>")')).toBe('createSource(1, "_0___\\\n___")');
    expect(masked('a.phtml', 'createSource; // <?= $a ?>')).toBe('createSource; // _0_______');
    expect(masked('a.phtml', 'createSource; x = <?= f(\n$a\n) ?>;')).toBe('createSource; x = `0____\n__\n___`;');
    expect(masked('a.hbs', 'createSource({ a: {{#if x}}1{{else}}2{{/if}} })')).toBe('createSource({ a: (/*____*/1||/*__*/2/*__*/) })');
    expect(masked('a.phtml', 'createSource; var drjs_<?= $id ?> = 1;')).toBe('createSource; var drjs__0________ = 1;');
    expect(masked('a.isml', 'createSource; x = `a ${b} c`;')).toBe('createSource; x = `a _0__ c`;');
  });

  it('masks the same tag the same way, so a name built from a tag stays one name', () => {
    expect(masked('a.isml', 'var ${id}_dr = 1; ${id}_dr.createSource(${p});')).toBe('var _0____dr = 1; _0____dr.createSource(_2__);');
    expect(masked('a.phtml', 'createSource; var <?= $name ?> = 1;')).toBe('createSource; var _0__________ = 1;');
  });

  it('reads a tag that begins a statement\'s expression as a name', () => {
    expect(masked('a.phtml', 'f();\n<?= $dr ?>.createSource(p);\n<?= $v ?> = {};\n<?php if ($x): ?>\ng();')).toBe(
      'f();\n_0________.createSource(p);\n_1_______ = {};\n/*_____________*/\ng();',
    );
  });

  it('reads a template loop where elements belong as trivia, not as one value', () => {
    expect(masked('a.isml', 'createSource; x = [<isloop items="${a}" var="i">{ n: 1 },</isloop>];')).toBe(
      'createSource; x = [/*_________________________*/{ n: 1 },_1_______];',
    );
  });

  it('does not mask a block without createSource (it is never parsed)', () => {
    expect(masked('a.phtml', 'x = <?= $a ?>;')).toBe('x = <?= $a ?>;');
  });
});

describe('edits against tags', () => {
  const run = (path: string, js: string) => {
    const text = `<script>\nvar dr = new DigitalRiver('k');\n${js}\n</script>\n`;
    const { result, output } = processText(path, text, options);
    return { output: output?.slice('<script>\nvar dr = new DigitalRiver(\'k\');\n'.length, -'\n</script>\n'.length), ids: result.findings.map((f) => `${f.id}@${f.line}`) };
  };

  it('removes a tag that is the whole value of a removed property', () => {
    expect(run('a.phtml', "dr.createSource({ type: 'payco', amount: <?= $t ?>, currency: 'KRW', payco: {} });").output).toBe(
      "dr.createSource({ type: 'payco', sessionId: sessionId, payco: {} });",
    );
  });

  it('keeps a template block around removed properties, as it does when the tags stand on lines of their own, and never cuts one', () => {
    // The tags are not inside a removed property, so they come through byte for byte (issue 4); the block is left empty.
    expect(run('a.erb', "dr.createSource({ type: 'payco', <% if @x %>amount: 1,<% end %> currency: 'KRW' });").output).toBe(
      "dr.createSource({ type: 'payco', sessionId: sessionId <% if @x %><% end %> });",
    );
    const block = run('a.erb', "dr.createSource({ type: 'payco', payco: {}, <% if @x %>amount: 1, currency: 'KRW'<% end %>\n});");
    expect(block.output).toBe("dr.createSource({ type: 'payco', sessionId: sessionId, payco: {} <% if @x %><% end %>\n});");
    expect(block.ids).toEqual(['migrated@3', 'session-id-unbound@3']);
  });

  it('refuses to remove a code tag that stands inside a JavaScript comment on a removed line', () => {
    const r = run('a.phtml', "dr.createSource({\n  type: 'payco',\n  amount: 1, // <?php if ($x): ?>\n  payco: {}\n});\n// <?php endif; ?>");
    expect(r.output).toBeUndefined();
    expect(r.ids).toEqual(['template-tag-conflict@5']);
  });

  it('reports a block whose tags make it unparsable for review, not as an error', () => {
    const { result } = processText('a.php', "<script>\ndr.createSource({ type: 'payco', amount: 1<?= $cents ?> });\n</script>", options);
    expect(result.status).toBe('unchanged');
    expect(result.findings.map((f) => [f.id, f.severity, f.line])).toEqual([['template-unparsable', 'review', 2]]);
  });
});

describe('messages', () => {
  it('quote the template tags, not their masks, in findings and site evidence', () => {
    const text = "<script>\nvar ${id}_dr = new DigitalRiver('k');\n${id}_dr.createSource(${pdict.payload});\n</script>";
    const { result } = processText('a.isml', text, options);
    expect(result.findings.map((f) => f.message)).toEqual([
      'Payload not migrated: it is the global `${pdict.payload}`; migrate it by hand.',
    ]);
    expect(result.sites.map((x) => x.evidence)).toEqual(['`${id}_dr` holds a new DigitalRiver(…) instance']);
  });
});

describe('default extensions', () => {
  it('include every template host type', () => {
    for (const ext of Object.keys(HOST_TYPES)) expect(DEFAULT_EXTENSIONS).toContain(ext.slice(ext.lastIndexOf('.') + 1));
  });
});
