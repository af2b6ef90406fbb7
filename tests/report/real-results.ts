import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { gradeSubmission, type GradeOptions } from '../../grader/engine/grade-submission';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { readSubmission, type Submission } from '../../grader/shipped/submission/read-submission';
import { TEST_SEED } from '../kit/support';

const SOLUTIONS = join(__dirname, '../../solutions');

/**
 * Grades a copy of the reference solutions with one deliberate mistake, through the real engine
 * (in-process door: this is trusted code), so that the reports are tested on results exactly as
 * the engine produces them.
 */
export async function gradeVariant(
  studentId: string,
  mistake?: { file: string; from: string | RegExp; to: string },
): Promise<SubmissionResult> {
  return (await gradedVariant(studentId, mistake)).result;
}

/** `gradeVariant`'s result with the submission it graded, for the instructor's report (its code, its folder); `options` such as an assignment's `exercises`. */
export async function gradedVariant(
  studentId: string,
  mistake?: { file: string; from: string | RegExp; to: string },
  parent = mkdtempSync(join(tmpdir(), 'report-test-')),
  options: GradeOptions = {},
): Promise<{ result: SubmissionResult; submission: Submission }> {
  const dir = join(parent, studentId);
  cpSync(SOLUTIONS, dir, { recursive: true });
  if (mistake) {
    const path = join(dir, mistake.file);
    const source = readFileSync(path, 'utf8');
    const changed = source.replace(mistake.from, mistake.to);
    if (changed === source) throw new Error(`gradeVariant: "${String(mistake.from)}" not found in ${mistake.file}`);
    writeFileSync(path, changed);
  }
  const submission = readSubmission(dir);
  const port = new InProcessPort(submission, readSubmission(SOLUTIONS, 'reference'));
  try {
    return { result: await gradeSubmission(submission, port, { seed: TEST_SEED, ...options }), submission };
  } finally {
    await port.close();
  }
}

/** Seed 002's trap: b's gradient taken at the new m. */
export const SEQUENTIAL_STEP = {
  file: '03-step/step.ts',
  from: /const \{ dm, db \} = computeGradient\(points, line\);\s*return \{ m: line\.m - learningRate \* dm, b: line\.b - learningRate \* db \};/,
  to: 'const m = line.m - learningRate * computeGradient(points, line).dm;\n  return { m, b: line.b - learningRate * computeGradient(points, { m, b: line.b }).db };',
};
