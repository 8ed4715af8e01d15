// A page that sends a payload it received from its server (`createSource(response.content.payload)`) is reviewed
// where it calls; when PHP files of the run build payload arrays, the review names them (issue 13 §3).

import { messageOf } from '../../rules/findings.js';
import type { FileResult } from '../../engine/process-text.js';

/** The reasons of a payload that comes from a server response or an awaited value, as the engine words them. */
const FROM_SERVER = /it is read from `[^`]*(?:response|result|data|json|ajax|content)[^`]*`|an awaited value|a server response/i;

/** Each report with its server-fed review items naming the PHP payload arrays found; others as they were. */
export function nameServerPayloads(reports: readonly FileResult[]): FileResult[] {
  const built = reports.flatMap((r) => (r.serverPayloads ?? []).map((line) => `${r.path}:${line}`));
  if (built.length === 0) return [...reports];
  const shown = built.length > 5 ? `${built.slice(0, 5).join(', ')} and ${built.length - 5} more` : built.join(', ');
  return reports.map((r) => {
    let touched = false;
    const findings = r.findings.map((f) => {
      if (f.id !== 'payload-unresolved' || !FROM_SERVER.test(f.data.why ?? '')) return f;
      touched = true;
      const data = { ...f.data, why: `${f.data.why ?? ''}; the payload may be built on the server, as in ${shown}` };
      return { ...f, data, message: messageOf(f.id, data) };
    });
    if (!touched) return r;
    const reasons = new Map(r.findings.map((f, i) => [f.message, findings[i]?.message ?? f.message]));
    const sites = r.sites.map((s) => (s.reason && reasons.has(s.reason) ? { ...s, reason: reasons.get(s.reason) } : s));
    return { ...r, findings, sites };
  });
}
