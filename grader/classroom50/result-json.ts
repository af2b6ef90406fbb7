import { ALL_CHECKS } from '../grading';
import { checkOutput } from '../gradescope/results-json';
import type { GradedUpload } from '../gradescope/run-autograder';
import type { ExerciseId } from '../shipped/contract/exercises';
import { printable } from '../shipped/output/printable';
import { forStudent } from '../shipped/results/for-student';
import { withHandoutReplays } from '../shipped/student/handout-command';
import type { CheckResult, ExerciseResult } from '../shipped/results/model';

/** The `schema` of every result.json Classroom 50 reads. */
export const CLASSROOM50_RESULT_SCHEMA = 'classroom50/result/v1';

/** One test of Classroom 50's result.json; `output` is one of the extra fields its runner keeps verbatim. */
export interface Classroom50Test {
  readonly 'test-name': string;
  readonly passed: boolean;
  readonly score: number;
  readonly 'max-score': number;
  readonly output: string;
}

/** Who and what a result is about: Classroom 50's runner hands these to the autograder in its environment. */
export interface Classroom50Identity {
  readonly classroom: string;
  readonly assignment: string;
  readonly assignment_type: 'individual' | 'group';
  readonly owner: string;
  readonly submission: string;
  readonly commit: string;
  readonly release: string;
  readonly review: string;
}

/** Classroom 50's result.json (`classroom50/result/v1`, grader/classroom50/result-v1.schema.json). */
export interface Classroom50Result extends Classroom50Identity {
  readonly schema: typeof CLASSROOM50_RESULT_SCHEMA;
  readonly datetime: string;
  readonly graded_at: string;
  readonly score: number;
  readonly 'max-score': number;
  readonly tests: readonly Classroom50Test[];
}

/** Where each identity field comes from in the runner's environment, and what stands in for it outside Classroom 50. */
const IDENTITY_SOURCES: Readonly<
  Record<keyof Classroom50Identity, readonly [variables: readonly string[], standIn: string]>
> = {
  classroom: [['CLASSROOM'], 'local'],
  assignment: [['ASSIGNMENT'], 'local'],
  assignment_type: [['ASSIGNMENT_TYPE'], 'individual'],
  owner: [['OWNER', 'USERNAME'], 'local'],
  submission: [['SUBMISSION_TAG'], 'submit/local'],
  commit: [['COMMIT_URL'], 'local'],
  release: [['RELEASE_URL'], 'local'],
  review: [['REVIEW_URL', 'COMMIT_URL'], 'local'],
};

/**
 * The result's identity from the environment Classroom 50's runner sets (CLASSROOM, ASSIGNMENT,
 * SUBMISSION_TAG, OWNER, ASSIGNMENT_TYPE, COMMIT_URL, RELEASE_URL, REVIEW_URL), and the variables
 * that were missing, which a stand-in replaced (`local`, `submit/local`) so that the autograder
 * also runs on an instructor's machine. The runner stamps `owner`, `assignment_type` and
 * `datetime` itself, and refuses a result whose classroom or assignment is not the repository's.
 */
export function identityFromEnvironment(env: NodeJS.ProcessEnv): {
  identity: Classroom50Identity;
  missing: string[];
} {
  const missing: string[] = [];
  const field = (key: keyof Classroom50Identity): string => {
    const [variables, standIn] = IDENTITY_SOURCES[key];
    const value = variables.map((v) => env[v]?.trim()).find(Boolean);
    if (!value) missing.push(variables[0]);
    return value ?? standIn;
  };
  const classroom = field('classroom');
  const assignment = field('assignment');
  const assignmentType = field('assignment_type');
  const owner = field('owner');
  const submission = field('submission');
  const identity: Classroom50Identity = {
    classroom,
    assignment,
    assignment_type: assignmentType === 'group' ? 'group' : 'individual',
    owner,
    submission: submission.startsWith('submit/') ? submission : `submit/${submission}`,
    commit: field('commit'),
    release: field('release'),
    review: field('review'),
  };
  return { identity, missing };
}

/**
 * Classroom 50 takes whole points only. A test's score and maximum are rounded down, to within
 * 1e-9 so that a sum of fractions such as 0.1 + 0.2 is not lost: a submission is never credited
 * more than it earned, and full marks stay full marks. Every check of the kit is worth whole
 * points today, so nothing is rounded.
 */
export function wholePoints(points: number): number {
  return Math.floor(points + 1e-9);
}

/**
 * The result.json of a graded upload. Each public check is a test, named `<exercise>: <title>`,
 * with what the student's report says of it as `output` (a replay command is the one the student
 * runs in their checkout of the handout, `withHandoutReplays`). Classroom 50 has no hidden tests (its
 * runner publishes every test in the student's Release), so the hidden checks of an exercise are
 * one test, `<exercise>: hidden checks`, that carries their points and whether all passed, and
 * never their names, inputs or messages. An upload with nothing to grade gets one failing test
 * per exercise of the assignment, each saying what to commit, so that it scores 0 of the
 * assignment's points instead of Classroom 50's "no autograder" 0 of 0.
 */
export function toClassroom50(
  upload: GradedUpload,
  identity: Classroom50Identity,
  exercises: readonly ExerciseId[],
  now: Date,
): Classroom50Result {
  const tests =
    'result' in upload
      ? forStudent(withHandoutReplays(upload.result)).exercises.flatMap(testsOf)
      : exercises.map((exercise) => nothingFound(exercise, upload.nothingToGrade));
  const instant = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    schema: CLASSROOM50_RESULT_SCHEMA,
    ...identity,
    datetime: instant,
    graded_at: instant,
    score: tests.reduce((sum, t) => sum + t.score, 0),
    'max-score': tests.reduce((sum, t) => sum + t['max-score'], 0),
    tests,
  };
}

function testsOf(exercise: ExerciseResult): Classroom50Test[] {
  const earned = (c: CheckResult) => c.status === 'pass' && !c.heldBack;
  const shown = exercise.checks
    .filter((c) => c.visibility === 'public')
    .map((check) => ({
      'test-name': `${exercise.exercise}: ${check.title}`,
      passed: earned(check),
      score: wholePoints(check.points),
      'max-score': wholePoints(check.maxPoints),
      output: printable(checkOutput(exercise, check), { keepNewlines: true }),
    }));
  const hidden = exercise.checks.filter((c) => c.visibility === 'hidden');
  if (!hidden.length) return shown;
  const passed = hidden.filter(earned).length;
  return [
    ...shown,
    {
      'test-name': `${exercise.exercise}: hidden checks`,
      passed: passed === hidden.length,
      score: wholePoints(hidden.reduce((sum, c) => sum + c.points, 0)),
      'max-score': wholePoints(hidden.reduce((sum, c) => sum + c.maxPoints, 0)),
      output: `${passed} of ${hidden.length} hidden checks passed. Their names, inputs and messages are not shown.`,
    },
  ];
}

function nothingFound(exercise: ExerciseId, message: string): Classroom50Test {
  return {
    'test-name': `${exercise}: nothing to grade`,
    passed: false,
    score: 0,
    'max-score': wholePoints(ALL_CHECKS.filter((c) => c.exercise === exercise).reduce((sum, c) => sum + c.points, 0)),
    output: printable(
      `No exercise was found in the commit graded, so nothing could be graded. Commit your exercise files where the handout has them (exercises/01-cost/cost.ts, …) and push again.\n${message}`,
      { keepNewlines: true },
    ),
  };
}
