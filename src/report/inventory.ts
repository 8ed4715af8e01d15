// The inventory as a person reads it: instances, call sites by status, and the checklist beyond the front end.

import { Chalk } from 'chalk';
import type { InventoryResult, InventorySite } from '../inventory/inventory.js';
import { count } from './plural.js';

const STATUS_ORDER = ['legacy', 'hybrid', 'needs-review', 'migrated', 'kept', 'not-digitalriver'] as const;

function counts(c: Record<string, number>): string {
  return STATUS_ORDER.filter((s) => (c[s] ?? 0) > 0).map((s) => `${c[s]} ${s}`).join(', ') || 'none';
}

export function formatInventory(result: InventoryResult, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [c.bold(`DigitalRiver.js inventory (${count(result.summary.files, 'file')} scanned)`), ''];
  out.push(c.bold(`Instances (${result.instances.length})`));
  for (const i of result.instances) out.push(`  ${i.path}:${i.line}:${i.column}  new DigitalRiver(…)`);
  const site = (s: InventorySite): string => {
    const what = s.kind === 'createSource' ? s.methods.join('/') || '?' : s.kind;
    const why = s.reason ?? s.evidence;
    return `  ${s.status.padEnd(16)} ${s.path}:${s.line}:${s.column}  ${what}  ${c.dim(`— ${why}`)}`;
  };
  out.push('', c.bold(`createSource calls (${result.createSource.length}): ${counts(result.summary.createSource)}`));
  out.push(...result.createSource.map(site));
  if (result.builders.length > 0) {
    out.push('', c.bold(`Payloads built for calls elsewhere (${result.builders.length}): ${counts(result.summary.builders)}`));
    for (const b of result.builders) {
      const how = b.foundByName ? ` (found by its name \`${b.foundByName}\`)` : '';
      out.push(`${site(b)}`, `  ${' '.repeat(16)} ${c.dim(`for createSource at ${b.callSites.join(', ')}${how}`)}`);
    }
  }
  out.push('', c.bold(`Other session-aware calls (${result.calls.length}): ${counts(result.summary.calls)}`));
  out.push(...result.calls.map(site));
  out.push('', c.bold('Beyond the front end'));
  for (const item of result.checklist) {
    const mark = item.status === 'done' ? c.green('[done]') : item.status === 'todo' ? c.yellow('[todo]') : c.dim('[not found]');
    out.push(`  ${mark} ${item.title}  ${c.dim(`(${item.source})`)}`);
    for (const e of item.evidence.slice(0, 8)) out.push(`         ${e.path}:${e.line}  ${c.dim(e.text)}`);
    if (item.evidence.length > 8) out.push(`         … ${item.evidence.length - 8} more`);
  }
  for (const e of result.errors) out.push(c.red(`  error: ${e.path}:${e.line}:${e.column} ${e.message}`));
  return `${out.join('\n')}\n`;
}
