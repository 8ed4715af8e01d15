// How the inventory names a call site's state: legacy, hybrid, migrated, kept, needs review, or not DigitalRiver.js.

import type { FileSite } from '../engine/process-text.js';

export type InventoryStatus = 'legacy' | 'hybrid' | 'migrated' | 'kept' | 'needs-review' | 'not-digitalriver';

/**
 * The engine's decision read as the code's current state: a site it would change is legacy (hybrid when it already
 * sends sessionId); one with nothing left to change is migrated; hybrid wins over needs-review, since a legacy-only
 * branch next to a sessionId is exactly what "hybrid" means.
 */
export function inventoryStatus(site: Pick<FileSite, 'status' | 'hybrid'>): InventoryStatus {
  if (site.status === 'not-digitalriver') return 'not-digitalriver';
  if (site.hybrid) return 'hybrid';
  if (site.status === 'migrated' || site.status === 'filtered') return 'legacy';
  if (site.status === 'already-migrated') return 'migrated';
  // Left as it is by design, not migrated (issue 18: a paymentRequest still needs country, currency and total).
  if (site.status === 'kept') return 'kept';
  return 'needs-review';
}
