// Public addresses dr-migrate prints: its README, whose sections document every finding, and Digital River's payment
// sessions guide, which every rule and checklist item cites (issue 17).

/** The repository, as package.json's `repository` and `homepage` give it. */
export const REPOSITORY_URL = 'https://github.com/dr-migrate/dr-migrate';

/** The README on the default branch; a finding's help is `${README_URL}#<section>`. */
export const README_URL = `${REPOSITORY_URL}/blob/main/README.md`;

/**
 * Digital River's guide "Payment sessions" (Digital River API): the source of the per-method removal lists and of the
 * server checklist. A section is cited as `${GUIDE_URL}#<anchor> "<heading>"`: the anchor is the one the page's own
 * links use (its contents list, its "Update your code" list of methods), else the one the page derives from the
 * heading; the heading is there to search for should an anchor change.
 */
export const GUIDE_URL = 'https://docs.digitalriver.com/digital-river-api/integration-options/checkouts/creating-checkouts/payment-sessions';

/** A citation of one section of the guide. */
export function guideSection(anchor: string, heading: string): string {
  return `${GUIDE_URL}#${anchor} "${heading}"`;
}
