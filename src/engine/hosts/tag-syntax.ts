// The template tag syntaxes each host file type has, as data (issue 4): how a tag opens, how it ends, what it is.

/**
 * - `output`: prints one value into the page (`<?= … ?>`, `${…}`, `{!…}`, `{{ … }}`): removing it together with the
 *   property it is the value of is safe.
 * - `code`: statements, control flow or directives (`<?php if … ?>`, `<% … %>`, `{% … %}`, `<isif>`): it may pair with
 *   another tag elsewhere, so it is never removed unless it sits wholly inside a removed value.
 * - `comment`: prints nothing and pairs with nothing (`{# … #}`, `<%# … %>`, `<?php /* … *\/ ?>`): it goes with its
 *   line like a JavaScript comment does.
 */
export type TagKind = 'output' | 'code' | 'comment';

/** How the end of a tag is found once its opener matched. */
export type TagBody =
  /** The first occurrence of `close` (unclosed: not a tag). */
  | 'until'
  /** PHP code: `?>` outside PHP strings and comments; an unclosed tag runs to the end of the file. */
  | 'php'
  /** Balanced `{…}` from the opener's first `{`, skipping quoted strings (`${…}`, `{!…}`). */
  | 'braces'
  /** Balanced `(…)` from the opener's last character, skipping quoted strings (Blade's `@json(…)`). */
  | 'parens'
  /** The opener alone (Blade's `@else`, `@endif`). */
  | 'opener'
  /** A markup tag: the first `>` outside quoted attribute values and `${…}` (`<isprint value="${a > b}"/>`). */
  | 'markup';

/** Where a code tag stands in the template's own block structure: `{{#if}}` opens, `{{else}}` is a middle, `{{/if}}` closes. */
export type BlockPart = 'open' | 'middle' | 'close';

/** Whole-tag patterns for the block parts of a syntax's code tags (tested middle, close, then open). */
export type BlockForms = Readonly<Partial<Record<BlockPart, RegExp>>>;

export interface TagSyntax {
  /** Sticky, anchored where a tag may start; a lookahead guards openers that ordinary text also has. */
  readonly open: RegExp;
  readonly body: TagBody;
  /** For `until` bodies: the closing string (matched case-insensitively when `open` has the `i` flag). */
  readonly close?: string;
  readonly kind: TagKind;
  readonly blocks?: BlockForms;
}

const until = (open: RegExp, close: string, kind: TagKind, blocks?: BlockForms): TagSyntax => ({
  open,
  body: 'until',
  close,
  kind,
  ...(blocks ? { blocks } : {}),
});

/** `<?php if (…): ?>` / `<?php else: ?>` / `<?php endif; ?>`, and the brace forms `{ ?>`, `} else { ?>`, `} ?>`. */
const PHP_BLOCKS: BlockForms = {
  middle: /^<\?(?:php)?\s+(?:else\s*:|else\s*if\b[\s\S]*:|\}\s*else(?:\s*if\b[\s\S]*)?\s*\{)\s*\?>$/i,
  close: /^<\?(?:php)?\s+(?:end(?:if|foreach|for|while|switch)\s*;?|\})\s*\?>$/i,
  open: /^<\?(?:php)?\s+(?:(?:if|foreach|for|while|switch)\b[\s\S]*:|[\s\S]*\{)\s*\?>$/i,
};

/** ERB/EJS: `<% if … %>`, `<% items.each do |i| %>`, `<% if (x) { %>`; `<% else %>`, `<% } else { %>`; `<% end %>`, `<% } %>`. */
const ERB_BLOCKS: BlockForms = {
  middle: /^<%[-_]?\s*(?:else|elsif\b[\s\S]*|\}\s*else(?:\s+if\b[\s\S]*)?\s*\{)\s*[-_]?%>$/,
  close: /^<%[-_]?\s*(?:end|[})\s;]+)\s*[-_]?%>$/,
  open: /^<%[-_]?\s*(?:(?:if|unless|while|until|case)\b[\s\S]*|[\s\S]*\bdo(?:\s*\|[^|]*\|)?|[\s\S]*\{)\s*[-_]?%>$/,
};

const HANDLEBARS_BLOCKS: BlockForms = { open: /^\{\{~?#/, middle: /^\{\{~?(?:else\b|\^\}\})/, close: /^\{\{~?\// };

const TWIG_BLOCKS: BlockForms = {
  middle: /^\{%[-~]?\s*(?:else|elif|elseif)\b/,
  close: /^\{%[-~]?\s*end\w*/,
  open: /^\{%[-~]?\s*(?:if|for|block|macro|with|filter|apply|autoescape|spaceless|embed)\b/,
};

const ISML_BLOCKS: BlockForms = { middle: /^<iselse(?:if)?\b/i, close: /^<\/is(?:if|loop)\s*>$/i, open: /^<is(?:if|loop)\b/i };

/** `<c:if test="…">` … `</c:if>`; a self-closing action (`<c:out …/>`) is not a block. */
const NAMESPACED_BLOCKS: BlockForms = { close: /^<\//, open: /^<[^/][\s\S]*[^/]>$/ };

/** PHP: `<?php`, `<?=` and short `<? ` tags (`<?php echo …` prints a value); `<?xml` is not PHP (php.net "PHP tags"). */
const PHP: readonly TagSyntax[] = [
  { open: /<\?=/y, body: 'php', kind: 'output' },
  { open: /<\?php\s+(?:echo|print)\b/iy, body: 'php', kind: 'output' },
  { open: /<\?php(?=\s)/iy, body: 'php', kind: 'code', blocks: PHP_BLOCKS },
  { open: /<\?(?=\s)/y, body: 'php', kind: 'code', blocks: PHP_BLOCKS },
];

/** ERB and EJS share `<% %>`; `<%=` and EJS's unescaped `<%-` print a value, the rest are code or comments. */
const ERB: readonly TagSyntax[] = [until(/<%#/y, '%>', 'comment'), until(/<%=/y, '%>', 'output'), until(/<%/y, '%>', 'code', ERB_BLOCKS)];
const EJS: readonly TagSyntax[] = [until(/<%#/y, '%>', 'comment'), until(/<%[=-]/y, '%>', 'output'), until(/<%/y, '%>', 'code', ERB_BLOCKS)];

/** JSP namespaced actions inside script (`<c:out value="${x}"/>`, `</c:if>`) and Visualforce components. */
const NAMESPACED_TAG: TagSyntax = {
  open: /<\/?[A-Za-z][\w-]*:[A-Za-z][\w.-]*(?=[\s/>])/y,
  body: 'markup',
  kind: 'code',
  blocks: NAMESPACED_BLOCKS,
};

/** JSP: comments, expressions, scriptlets and directives, EL `${}`/`#{}`, and tag-library actions. */
const JSP: readonly TagSyntax[] = [
  until(/<%--/y, '--%>', 'comment'),
  until(/<%=/y, '%>', 'output'),
  until(/<%/y, '%>', 'code', ERB_BLOCKS),
  { open: /[$#]\{/y, body: 'braces', kind: 'output' },
  NAMESPACED_TAG,
];

/**
 * Salesforce Commerce Cloud ISML: `${…}` expressions count everywhere, also inside JavaScript template literals (the
 * server evaluates them first); `<iscomment>` and `<isscript>` (server-side script) are single regions; every other
 * `<is…>`/`</is…>` is a tag.
 */
const ISML: readonly TagSyntax[] = [
  until(/<iscomment(?=[\s>])/iy, '</iscomment>', 'comment'),
  until(/<isscript(?=[\s>])/iy, '</isscript>', 'code'),
  { open: /<isprint(?=[\s/>])/iy, body: 'markup', kind: 'output' },
  { open: /<\/?is[a-z]+(?=[\s/>])/iy, body: 'markup', kind: 'code', blocks: ISML_BLOCKS },
  { open: /\$\{/y, body: 'braces', kind: 'output' },
];

/** Visualforce: `{!…}` merge fields and `<apex:…>`/`<c:…>` components. */
const VISUALFORCE: readonly TagSyntax[] = [{ open: /\{!/y, body: 'braces', kind: 'output' }, NAMESPACED_TAG];

/** Handlebars/Mustache: comments, blocks and partials are code; `{{…}}` and `{{{…}}}` print a value. */
const HANDLEBARS: readonly TagSyntax[] = [
  until(/\{\{!--/y, '--}}', 'comment'),
  until(/\{\{!/y, '}}', 'comment'),
  until(/\{\{~?[#/^>]/y, '}}', 'code', HANDLEBARS_BLOCKS),
  until(/\{\{~?else\b/y, '}}', 'code', HANDLEBARS_BLOCKS),
  until(/\{\{\{/y, '}}}', 'output'),
  until(/\{\{/y, '}}', 'output'),
];

/** Twig/Jinja/Django: `{{ }}` prints, `{% %}` is code, `{# #}` is a comment. */
const TWIG: readonly TagSyntax[] = [
  until(/\{\{/y, '}}', 'output'),
  until(/\{%/y, '%}', 'code', TWIG_BLOCKS),
  until(/\{#/y, '#}', 'comment'),
];

/**
 * Plain `.html` pages are often Jinja/Django/Twig/Angular templates: `{{ }}` and `{% %}` count as tags there, and
 * `{# #}` when a space follows (`{#name` is a JavaScript private field).
 */
const HTML: readonly TagSyntax[] = [
  until(/\{\{/y, '}}', 'output'),
  until(/\{%/y, '%}', 'code', TWIG_BLOCKS),
  until(/\{#(?=\s)/y, '#}', 'comment'),
];

/** Blade's control directives: only these words are directives, so `'a@example.com'` is left alone. */
const BLADE_BLOCKS: BlockForms = {
  middle: /^@(?:else|elseif)\b/,
  close: /^@end\w+/,
  open: /^@(?:if|unless|isset|empty|foreach|forelse|for|while|switch|auth|guest|env|production)\b/,
};

/** Laravel Blade (`.blade.php`): PHP tags, `{{-- --}}`, `{!! !!}`, `{{ }}`, `@json(…)`/`@js(…)` and control directives. */
const BLADE: readonly TagSyntax[] = [
  until(/\{\{--/y, '--}}', 'comment'),
  until(/\{!!/y, '!!}', 'output'),
  until(/\{\{/y, '}}', 'output'),
  { open: /@(?:json|js)\s*\(/y, body: 'parens', kind: 'output' },
  { open: /@(?:if|elseif|unless|isset|empty|foreach|forelse|for|while|switch|env)\s*\(/y, body: 'parens', kind: 'code', blocks: BLADE_BLOCKS },
  { open: /@(?:else|auth|guest|production|end(?:if|unless|isset|empty|foreach|forelse|for|while|switch|auth|guest|env|production))\b/y, body: 'opener', kind: 'code', blocks: BLADE_BLOCKS },
  ...PHP,
];

export interface HostType {
  readonly name: string;
  readonly tags: readonly TagSyntax[];
}

/** Template host files by extension. Vue and Svelte `<script>` blocks hold plain JavaScript/TypeScript. */
export const HOST_TYPES: Readonly<Record<string, HostType>> = {
  '.html': { name: 'HTML', tags: HTML },
  '.htm': { name: 'HTML', tags: HTML },
  '.php': { name: 'PHP', tags: PHP },
  '.phtml': { name: 'PHP', tags: PHP },
  '.blade.php': { name: 'Blade', tags: BLADE },
  '.isml': { name: 'ISML', tags: ISML },
  '.page': { name: 'Visualforce', tags: VISUALFORCE },
  '.component': { name: 'Visualforce', tags: VISUALFORCE },
  '.vue': { name: 'Vue', tags: [] },
  '.svelte': { name: 'Svelte', tags: [] },
  '.ejs': { name: 'EJS', tags: EJS },
  '.erb': { name: 'ERB', tags: ERB },
  '.jsp': { name: 'JSP', tags: JSP },
  '.hbs': { name: 'Handlebars', tags: HANDLEBARS },
  '.twig': { name: 'Twig', tags: TWIG },
};

/** The extensions (without dot) a directory scan includes by default, besides the script ones. */
export const TEMPLATE_EXTENSIONS: readonly string[] = [
  ...new Set(Object.keys(HOST_TYPES).map((e) => e.slice(e.lastIndexOf('.') + 1))),
];

export function hostTypeFor(path: string): HostType | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const compound = /(\.[a-z0-9]+\.[a-z0-9]+)$/.exec(name)?.[1];
  const simple = /(\.[a-z0-9]+)$/.exec(name)?.[1];
  return (compound !== undefined ? HOST_TYPES[compound] : undefined) ?? (simple !== undefined ? HOST_TYPES[simple] : undefined);
}
