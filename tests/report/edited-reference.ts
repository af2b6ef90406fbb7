import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIT_ROOT } from '../../grader/data/paths';
import { gradeSubmission, type GradeOptions } from '../../grader/engine/grade-submission';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import type { CallRequest, SubmissionPort } from '../../grader/shipped/door/port';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { TEST_SEED } from '../kit/support';

const SOLUTIONS = join(KIT_ROOT, 'solutions');

/** One slip written into a reference file: `from` (text or pattern) replaced by `to`. */
export type Edit = { file: string; from: string | RegExp; to: string };

export interface Graded {
  readonly result: SubmissionResult;
  /** Every batch of calls that crossed the door, in order. */
  readonly batches: readonly (readonly CallRequest[])[];
}

/**
 * A copy of the reference solutions with the edits made, graded in-process with the test seed and a
 * door that records every batch. An edit that finds nothing to replace throws, naming the file.
 */
export async function gradeEditedReference(
  name: string,
  edits: readonly Edit[],
  options: GradeOptions = {},
): Promise<Graded> {
  const dir = join(mkdtempSync(join(tmpdir(), 'edited-reference-')), name);
  cpSync(SOLUTIONS, dir, { recursive: true });
  for (const edit of edits) {
    const path = join(dir, edit.file);
    const source = readFileSync(path, 'utf8');
    const changed = source.replace(edit.from, edit.to);
    if (changed === source) throw new Error(`${name}: "${String(edit.from)}" not found in ${edit.file}`);
    writeFileSync(path, changed);
  }
  const submission = readSubmission(dir);
  const inner = new InProcessPort(submission, readSubmission(SOLUTIONS, 'reference'));
  const batches: (readonly CallRequest[])[] = [];
  const port: SubmissionPort = {
    isolation: inner.isolation,
    modules: () => inner.modules(),
    callMany: (requests) => {
      batches.push(requests);
      return inner.callMany(requests);
    },
    close: () => inner.close(),
  };
  try {
    return { result: await gradeSubmission(submission, port, { seed: TEST_SEED, ...options }), batches };
  } finally {
    await port.close();
  }
}
