// The template tag syntaxes each host file type has, as data (issue 4): how a tag opens, how it ends, what it is.

/**
 * - `output`: prints one value into the page (`<?= … ?>`, `${…}`, `{!…}`, `{{ … }}`): removing it together with the
 *   property it is the value of is safe.
 * - `code`: statements, control flow, comments or directives (`<?php if … ?>`, `<% … %>`, `{% … %}`, `<isif>`): it may
 *   pair with another tag elsewhere, so it is never removed unless it sits wholly inside a removed value.
 */
export type TagKind = 'output' | 'code';

/** How the end of a tag is found once its opener matched. */
export type TagBody =
  /** The first occurrence of `close` (unclosed: not a tag). */
  | 'until'
  /** PHP code: `?>` outside PHP strings and comments; an unclosed tag runs to the end of the file. */
  | 'php'
  /** Balanced `{…}` from the opener's first `{`, skipping quoted strings (`${…}`, `{!…}`). */
  | 'braces'
  /** A markup tag: the first `>` outside quoted attribute values and `${…}` (`<isprint value="${a > b}"/>`). */
  | 'markup';

export interface TagSyntax {
  /** Sticky, anchored where a tag may start; a lookahead guards openers that ordinary text also has. */
  readonly open: RegExp;
  readonly body: TagBody;
  /** For `until` bodies: the closing string (matched case-insensitively when `open` has the `i` flag). */
  readonly close?: string;
  readonly kind: TagKind;
}

const until = (open: RegExp, close: string, kind: TagKind): TagSyntax => ({ open, body: 'until', close, kind });

/** PHP: `<?php`, `<?=` and short `<? ` tags (`<?php echo …` prints a value); `<?xml` is not PHP (php.net "PHP tags"). */
const PHP: readonly TagSyntax[] = [
  { open: /<\?=/y, body: 'php', kind: 'output' },
  { open: /<\?php\s+(?:echo|print)\b/iy, body: 'php', kind: 'output' },
  { open: /<\?php(?=\s)/iy, body: 'php', kind: 'code' },
  { open: /<\?(?=\s)/y, body: 'php', kind: 'code' },
];

/** ERB and EJS share `<% %>`; `<%=` and EJS's unescaped `<%-` print a value, the rest are code or comments. */
const ERB: readonly TagSyntax[] = [until(/<%=/y, '%>', 'output'), until(/<%/y, '%>', 'code')];
const EJS: readonly TagSyntax[] = [until(/<%[=-]/y, '%>', 'output'), until(/<%/y, '%>', 'code')];

/** JSP namespaced actions inside script (`<c:out value="${x}"/>`, `</c:if>`) and Visualforce components. */
const NAMESPACED_TAG: TagSyntax = { open: /<\/?[A-Za-z][\w-]*:[A-Za-z][\w.-]*(?=[\s/>])/y, body: 'markup', kind: 'code' };

/** JSP: comments, expressions, scriptlets and directives, EL `${}`/`#{}`, and tag-library actions. */
const JSP: readonly TagSyntax[] = [
  until(/<%--/y, '--%>', 'code'),
  until(/<%=/y, '%>', 'output'),
  until(/<%/y, '%>', 'code'),
  { open: /[$#]\{/y, body: 'braces', kind: 'output' },
  NAMESPACED_TAG,
];

/**
 * Salesforce Commerce Cloud ISML: `${…}` expressions count everywhere, also inside JavaScript template literals (the
 * server evaluates them first); `<iscomment>` and `<isscript>` (server-side script) are single regions; every other
 * `<is…>`/`</is…>` is a tag.
 */
const ISML: readonly TagSyntax[] = [
  until(/<iscomment(?=[\s>])/iy, '</iscomment>', 'code'),
  until(/<isscript(?=[\s>])/iy, '</isscript>', 'code'),
  { open: /<isprint(?=[\s/>])/iy, body: 'markup', kind: 'output' },
  { open: /<\/?is[a-z]+(?=[\s/>])/iy, body: 'markup', kind: 'code' },
  { open: /\$\{/y, body: 'braces', kind: 'output' },
];

/** Visualforce: `{!…}` merge fields and `<apex:…>`/`<c:…>` components. */
const VISUALFORCE: readonly TagSyntax[] = [{ open: /\{!/y, body: 'braces', kind: 'output' }, NAMESPACED_TAG];

/** Handlebars/Mustache: comments, blocks and partials are code; `{{…}}` and `{{{…}}}` print a value. */
const HANDLEBARS: readonly TagSyntax[] = [
  until(/\{\{!--/y, '--}}', 'code'),
  until(/\{\{~?[!#/^>]/y, '}}', 'code'),
  until(/\{\{~?else\b/y, '}}', 'code'),
  until(/\{\{\{/y, '}}}', 'output'),
  until(/\{\{/y, '}}', 'output'),
];

/** Twig/Jinja/Django: `{{ }}` prints, `{% %}` is code, `{# #}` is a comment. */
const TWIG: readonly TagSyntax[] = [until(/\{\{/y, '}}', 'output'), until(/\{%/y, '%}', 'code'), until(/\{#/y, '#}', 'code')];

/** Laravel Blade (`.blade.php`): PHP tags plus `{{-- --}}`, `{!! !!}` and `{{ }}`. */
const BLADE: readonly TagSyntax[] = [
  until(/\{\{--/y, '--}}', 'code'),
  until(/\{!!/y, '!!}', 'output'),
  until(/\{\{/y, '}}', 'output'),
  ...PHP,
];

export interface HostType {
  readonly name: string;
  readonly tags: readonly TagSyntax[];
}

/**
 * Template host files by extension. Plain `.html` pages are often Jinja/Twig/Angular templates, so `{{ }}`/`{% %}`
 * count as tags there; Vue and Svelte `<script>` blocks hold plain JavaScript/TypeScript.
 */
export const HOST_TYPES: Readonly<Record<string, HostType>> = {
  '.html': { name: 'HTML', tags: TWIG },
  '.htm': { name: 'HTML', tags: TWIG },
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
