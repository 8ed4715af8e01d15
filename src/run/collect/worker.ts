// A worker thread (issue 7): parses files the main thread read, or reads a batch of files itself and parses those
// that pass the prefilter (Babel is loaded with the first); replies with what is worth reporting.

import { parentPort, workerData } from 'node:worker_threads';
import { absolute, FileScanner, type Scanned } from './file-scanner.js';
import { PARSE_ALONE_BYTES, type WorkerJob, type WorkerReply, type WorkerStart } from './workers.js';
import { enableCommandCompileCache } from '../compile-cache.js';

const start = workerData as WorkerStart;
// Babel loads with the first file to parse, after this: its compiled code comes from the main thread's cache.
if (start.compileCache !== undefined) enableCommandCompileCache(process.env, start.compileCache);
const scanner = new FileScanner(start.settings);

async function run(job: WorkerJob): Promise<WorkerReply> {
  const files: Scanned[] = [];
  const deferred: string[] = [];
  const keep = (file: Scanned | undefined): void => {
    if (file) files.push(file);
  };
  if (job.kind === 'parse') keep(await scanner.parse(job.candidate));
  else {
    for (const path of job.paths) {
      const step = scanner.read(path, absolute(job.cwd, path));
      if (step.kind === 'done') keep(step.file);
      else if (step.candidate.text.length > PARSE_ALONE_BYTES) deferred.push(path);
      else keep(await scanner.parse(step.candidate));
    }
  }
  const timings = scanner.clock?.take();
  return { id: job.id, files, deferred, ...(timings ? { timings } : {}) };
}

parentPort?.on('message', (job: WorkerJob) => {
  run(job).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
