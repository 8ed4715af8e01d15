// The flags of the main command, a type of its own so that the settings and the conflict checks both take it.

import type { FlagsOf, INVENTORY_OPTIONS, MAIN_OPTIONS } from './option-table.js';

/**
 * The flags of the main command as commander hands them over, derived from the option table (issue 16): `config` is a
 * path or false (--no-config), `color` true or false or unset (chalk's detection decides), `gitignore` false only
 * with --no-gitignore.
 */
export type CommandFlags = FlagsOf<typeof MAIN_OPTIONS>;

/** The flags of `dr-migrate inventory`. */
export type InventoryFlags = FlagsOf<typeof INVENTORY_OPTIONS>;
