// SourceReader on real files: the prefilter sees raw bytes, encodings are checked, large files, links and FIFOs are skipped.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mightContainBytes } from '../src/engine/prefilter.js';
import { MAX_FILE_BYTES, SourceReader } from '../src/run/collect/files.js';

const work = mkdtempSync(join(tmpdir(), 'dr-migrate-reader-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function file(content: string | Buffer): string {
  const path = join(work, `f${n++}.js`);
  writeFileSync(path, content);
  return path;
}

describe('SourceReader', () => {
  const shared = new SourceReader();
  const reader = { read: (path: string) => shared.read(path, mightContainBytes) };

  it('drops a file without a prefilter word before decoding it', () => {
    expect(reader.read(file('const a = 1;\n'))).toEqual({ kind: 'prefiltered' });
    expect(reader.read(file('ts.createSourceFile(name, text);\n'))).toEqual({ kind: 'prefiltered' });
  });

  it('returns the text of a file that may hold a call, byte-order mark and all', () => {
    const text = '\ufeffdr.createSource(payload);\r\n';
    expect(reader.read(file(text))).toEqual({ kind: 'text', text });
  });

  it('reads files larger than its buffer whole, across several reads, and small ones after them', () => {
    const big = `${'// filler line\n'.repeat(100_000)}dr.createSource(p);\n`;
    expect(reader.read(file(big))).toEqual({ kind: 'text', text: big });
    expect(reader.read(file('x.createSource()'))).toEqual({ kind: 'text', text: 'x.createSource()' });
  });

  it('skips UTF-16, binary and invalid UTF-8 files with a reason, saying whether they mention a call (issue 17)', () => {
    // A file marked as another encoding is always reported: its calls, if any, cannot be seen in its bytes.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('dr.createSource()', 'utf16le')]);
    expect(reader.read(file(utf16))).toEqual({ kind: 'skip', reason: 'UTF-16LE encoded (only UTF-8 is supported)', mentions: true });
    const plain16 = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('var x = 1;', 'utf16le').swap16()]);
    expect(reader.read(file(plain16))).toEqual({ kind: 'skip', reason: 'UTF-16BE encoded (only UTF-8 is supported)', mentions: false });
    const unmarked = Buffer.from('dr.createSource()', 'utf16le');
    expect(reader.read(file(unmarked))).toEqual({ kind: 'skip', reason: 'UTF-16 encoded without a byte-order mark (only UTF-8 is supported)', mentions: true });
    expect(reader.read(file(Buffer.from('createSource\0\0\0')))).toEqual({ kind: 'skip', reason: 'binary file', mentions: true });
    // 0x81 is undefined in Windows-1252: neither UTF-8 nor a Latin-1/Windows-1252 text.
    expect(reader.read(file(Buffer.from([...Buffer.from('createSource '), 0xc3, 0x28, 0x81])))).toEqual({ kind: 'skip', reason: 'not valid UTF-8', mentions: true });
  });

  it('reads a file that is not UTF-8 but can be Windows-1252 one character per byte (issue 17)', () => {
    const bytes = Buffer.from([...Buffer.from('createSource("caf'), 0xe9, 0x80, ...Buffer.from('")')]);
    const read = reader.read(file(bytes));
    expect(read).toEqual({ kind: 'text', text: 'createSource("caf\u00e9\u0080")', encoding: 'windows-1252' });
    expect(Buffer.from(read.kind === 'text' ? read.text : '', 'latin1')).toEqual(bytes);
  });

  it('skips a file above the size limit, whatever it holds', () => {
    const path = file(Buffer.alloc(MAX_FILE_BYTES + 10, 0x20));
    expect(reader.read(path)).toEqual({ kind: 'skip', reason: 'larger than 8 MiB' });
    expect(reader.read(file(Buffer.alloc(MAX_FILE_BYTES, 0x20)))).toEqual({ kind: 'prefiltered' });
  });

  it('skips a symbolic link and a FIFO without following or blocking on them', () => {
    const target = file('dr.createSource(p);');
    const link = join(work, 'link.js');
    symlinkSync(target, link);
    expect(reader.read(link)).toEqual({ kind: 'skip', reason: 'symbolic link (not followed; run dr-migrate on its target)' });
    const fifo = join(work, 'fifo.js');
    execFileSync('mkfifo', [fifo]);
    expect(reader.read(fifo)).toEqual({ kind: 'skip', reason: 'not a regular file' });
  });

  it('throws the system error of a file it cannot open, for the caller to report', () => {
    expect(() => reader.read(join(work, 'missing.js'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
