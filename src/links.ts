// Public addresses dr-migrate prints: its README, whose sections document every finding (issue 17).

/** The repository, as package.json's `repository` and `homepage` give it. */
export const REPOSITORY_URL = 'https://github.com/dr-migrate/dr-migrate';

/** The README on the default branch; a finding's help is `${README_URL}#<section>`. */
export const README_URL = `${REPOSITORY_URL}/blob/main/README.md`;
