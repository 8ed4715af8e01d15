// The lines a person reads about a run's baseline and undo journal, after the summary on stderr.

import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import { shownPath } from '../run/paths.js';
import type { RunResult } from '../run/result.js';
import { count, noun } from './plural.js';

const SHOWN_FIXED = 20;

export function formatAdoption(result: RunResult, color: boolean, command = 'dr-migrate'): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  const b = result.baseline;
  if (b) {
    const file = shownPath(resolve(result.cwd, b.file), result.cwd);
    if (b.action === 'write') {
      const kept = b.kept > 0 ? `; kept ${b.kept} of files outside this run` : '';
      const fixed = b.fixed.length > 0 ? `; dropped ${b.fixed.length} fixed since` : '';
      out.push(`baseline ${file} written: ${count(b.total, 'site')}${kept}${fixed}`);
    } else {
      const fresh = b.new > 0 ? c.red(`${b.new} new`) : c.green('0 new');
      out.push(`baseline ${file}: ${count(b.known, 'known site')} accepted, ${fresh}`);
      if (b.fixed.length > 0) {
        out.push(c.green(`  ${count(b.fixed.length, 'baseline site')} ${noun(b.fixed.length, 'is', 'are')} fixed: tighten it with ${command} --write-baseline ${file}`));
        for (const e of b.fixed.slice(0, SHOWN_FIXED)) out.push(`    fixed  ${e.file}  ${e.kind}${e.methods.length > 0 ? ` (${e.methods.join('/')})` : ''}  ${c.dim(e.id)}`);
        if (b.fixed.length > SHOWN_FIXED) out.push(`    … ${b.fixed.length - SHOWN_FIXED} more`);
      }
    }
  }
  if (result.journal) out.push(c.dim(`undo this run with: ${command} undo (journal ${result.journal})`));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

