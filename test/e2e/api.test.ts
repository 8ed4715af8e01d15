// The programmatic API of the built package returns the same object `--format json` prints for the same run.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleCopy, ROOT, runJson, snapshot } from './helpers.js';

type Api = typeof import('../../src/index.js');
let api: Api;

beforeAll(async () => {
  api = (await import(pathToFileURL(join(ROOT, 'dist', 'src', 'index.js')).href)) as Api;
});

const roundTrip = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

describe.concurrent('migrate() from dist/src/index.js', () => {
  it('check mode: deep-equals the --check --format json output', async () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const result = await api.migrate({ cwd: dir, paths: ['.'], mode: 'check' });
    const { json } = await runJson(['--check', '--format', 'json', '.'], { cwd: dir });
    expect(roundTrip(result)).toEqual(json);
    expect(result.exitCode).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('dry-run with options: deep-equals the CLI with the same flags', async () => {
    const dir = exampleCopy();
    const result = await api.migrate({
      cwd: dir,
      paths: ['wordpress', 'react'],
      mode: 'dry-run',
      sessionId: 'checkout.payment.session.id',
      methods: ['payPal', 'klarnaCredit'],
      removeCardAmounts: true,
    });
    const { json } = await runJson(
      ['--dry-run', '--format', 'json', '--session-id', 'checkout.payment.session.id', '--methods', 'payPal,klarnaCredit', '--remove-card-amounts', 'wordpress', 'react'],
      { cwd: dir },
    );
    expect(roundTrip(result)).toEqual(json);
    expect(result.summary.payloads).toEqual({ payPal: 1, klarnaCredit: 1 });
  });

  it('write mode (default): deep-equals the CLI run on an identical copy, apart from the directory', async () => {
    const a = exampleCopy();
    const b = exampleCopy();
    const result = await api.migrate({ cwd: a });
    const { json } = await runJson(['--format', 'json'], { cwd: b });
    expect(result.mode).toBe('write');
    expect(result.summary.written).toBe(3);
    // Each write run has its own undo journal entry, named by its start time.
    expect(result.journal).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{4}$/);
    expect(json.journal).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{4}$/);
    expect(roundTrip({ ...result, cwd: '<dir>', journal: '<run>' })).toEqual({ ...json, cwd: '<dir>', journal: '<run>' });
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('rejects bad options with a UsageError instead of exiting', async () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    await expect(api.migrate({ cwd: dir, sessionId: 'a b' })).rejects.toBeInstanceOf(api.UsageError);
    await expect(api.migrate({ cwd: dir, methods: ['bogus'] })).rejects.toBeInstanceOf(api.UsageError);
    await expect(api.migrate({ cwd: dir, paths: ['missing'] })).rejects.toBeInstanceOf(api.UsageError);
    await expect(api.migrate({ cwd: dir, concurrency: -1 })).rejects.toBeInstanceOf(api.UsageError);
    expect(snapshot(dir)).toEqual(before);
  });
});
