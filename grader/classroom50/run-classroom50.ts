import { join } from 'node:path';
import { gradedAssignment, gradeUpload, type GradedUpload } from '../gradescope/run-autograder';
import { writeFileAtomic } from '../shipped/output/atomic-write';
import { printableJson } from '../shipped/output/printable';
import { releaseBody } from './release-body';
import { validateClassroom50Result } from './result-schema';
import { identityFromEnvironment, toClassroom50, type Classroom50Result } from './result-json';

/** What Classroom 50's runner reads from the student's checkout after the autograder exits. */
export const CLASSROOM50_OUTPUTS = { result: 'result.json', releaseBody: 'release-body.md' } as const;

export interface Classroom50Run {
  readonly upload: GradedUpload;
  readonly result: Classroom50Result;
  readonly releaseBody: string;
  /** The identity variables Classroom 50's runner sets that were missing, and had a stand-in. */
  readonly missing: readonly string[];
}

/**
 * Grades the student's checkout (`gradeUpload`: the sandboxed grader, on the assignment the bundle
 * was built for) and writes result.json and release-body.md into it, as Classroom 50's runner
 * expects of an autograder. A checkout with nothing to grade gets a result that says so; the
 * result is checked against Classroom 50's schema before it is written, and a fault of the kit
 * throws, writing nothing, so that the runner reports an error rather than a score.
 */
export async function runClassroom50(
  checkout: string,
  options: { seed?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Classroom50Run> {
  const { identity, missing } = identityFromEnvironment(options.env ?? process.env);
  const upload = await gradeUpload(checkout, { seed: options.seed });
  const result = toClassroom50(upload, identity, gradedAssignment().exercises, new Date());
  const problems = validateClassroom50Result(result);
  if (problems.length) throw new Error(`the result does not follow Classroom 50's format: ${problems.join('; ')}`);
  const body = releaseBody(result, upload);
  writeFileAtomic(join(checkout, CLASSROOM50_OUTPUTS.releaseBody), body);
  writeFileAtomic(join(checkout, CLASSROOM50_OUTPUTS.result), `${printableJson(result, 2)}\n`);
  return { upload, result, releaseBody: body, missing };
}
