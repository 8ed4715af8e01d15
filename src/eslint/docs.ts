// Where the rule's documentation lives: a section of the README on the project's home page (issue 15).

/** The project's home page: its repository, whose README is the user documentation. */
export const HOMEPAGE = 'https://github.com/dr-migrate/dr-migrate';

/** GitHub's anchor for a README heading: lower case, punctuation other than `-` and `_` dropped, spaces as `-`. */
export function readmeAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The README heading that documents the ESLint rule. */
export const RULE_DOCS_HEADING = 'In your editor';

export const RULE_DOCS_URL = `${HOMEPAGE}#${readmeAnchor(RULE_DOCS_HEADING)}`;
