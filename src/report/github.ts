// GitHub Actions workflow commands (`::error file=…,line=…::message`), one per annotation.

import type { RunResult } from '../run/result.js';
import { annotations } from './annotations.js';

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(result: RunResult): string {
  const lines = annotations(result).map((a) => {
    const props = `file=${escapeProperty(a.path)},line=${a.line},col=${a.column},title=${escapeProperty(`dr-migrate ${a.ruleId}`)}`;
    return `::${a.level} ${props}::${escapeData(a.message)}`;
  });
  return lines.map((l) => `${l}\n`).join('');
}
