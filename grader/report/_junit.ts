import { XMLBuilder } from 'fast-xml-parser';
import type { StudentResult } from '../shipped/results/for-student';
import { printable } from '../shipped/output/printable';
import type { CheckResult, ExerciseResult, SubmissionResult } from '../shipped/results/model';
import { describeCounterexample } from '../shipped/report/student-view';
import { formatPoints, formatSmall } from '../shipped/report/text';

/**
 * junit.xml for CI: one <testsuite> per exercise, one <testcase> per check,
 * following the JUnit schema that Jenkins' xUnit plugin publishes (schemas/junit-10.xsd). Written
 * from the student's view of the result (`forStudent`): a failing hidden check says that it failed
 * and nothing about its inputs. Every string is made printable first, which also leaves out every
 * character XML 1.0 cannot carry.
 */
export function junitXml(result: StudentResult): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
  });
  const count = (checks: readonly CheckResult[], statuses: readonly string[]) =>
    checks.filter((c) => statuses.includes(c.status)).length;
  const all = result.exercises.flatMap((e) => e.checks);
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': attributeText(`gradient-descent ${result.studentId}`),
      '@_tests': all.length,
      '@_failures': count(all, ['fail', 'not-implemented']),
      '@_errors': count(all, ['error']),
      '@_time': result.executionTime.toFixed(3),
      testsuite: result.exercises.map((exercise) => suiteOf(result, exercise, count)),
    },
  });
}

function suiteOf(
  result: SubmissionResult,
  exercise: ExerciseResult,
  count: (checks: readonly CheckResult[], statuses: readonly string[]) => number,
) {
  const properties = [
    ['student', result.studentId],
    ['seed', String(result.seed)],
    ['grader_version', result.graderVersion],
    ['score', formatPoints(exercise.score)],
    ['max_score', formatPoints(exercise.maxScore)],
    ...(exercise.diagnosis ? [['misconception', `${exercise.diagnosis.id}: ${exercise.diagnosis.name}`]] : []),
  ];
  return {
    '@_name': attributeText(exercise.exercise),
    '@_tests': exercise.checks.length,
    '@_failures': count(exercise.checks, ['fail', 'not-implemented']),
    '@_errors': count(exercise.checks, ['error']),
    '@_skipped': 0,
    '@_file': attributeText(exercise.file),
    properties: {
      property: properties.map(([name, value]) => ({ '@_name': attributeText(name), '@_value': attributeText(value) })),
    },
    testcase: exercise.checks.map((check) => caseOf(exercise, check)),
  };
}

function caseOf(exercise: ExerciseResult, check: CheckResult) {
  const testcase: Record<string, unknown> = {
    '@_name': attributeText(check.title),
    '@_classname': attributeText(`gradient-descent.${exercise.exercise}`),
  };
  if (check.status === 'pass') return testcase;
  const element =
    check.visibility === 'hidden'
      ? {
          '@_type': 'hidden-check',
          '@_message': check.status === 'error' ? 'a hidden check could not run' : 'a hidden check failed',
          '#text': 'This check is hidden: its inputs and expected values are not shown.',
        }
      : {
          '@_type': attributeText(check.callError ?? check.status),
          '@_message': attributeText(oneLine(check.message)),
          '#text': printable(detailsOf(exercise, check), { keepNewlines: true }),
        };
  if (check.status === 'error') testcase.error = element;
  else testcase.failure = element;
  return testcase;
}

function detailsOf(exercise: ExerciseResult, check: CheckResult): string {
  const lines = [check.message];
  if (exercise.diagnosis) lines.push(`Likely misconception: ${exercise.diagnosis.name}. ${exercise.diagnosis.hint}`);
  const input = describeCounterexample(check);
  if (input) lines.push(`Failing input: ${input}`);
  if (check.tolerance !== undefined)
    lines.push(`Tolerance ${formatSmall(check.tolerance)}, observed error ${formatSmall(check.observedError ?? NaN)}.`);
  lines.push(`Seed ${check.seed}${check.path ? `, path ${check.path}` : ''}.`);
  if (check.replay) lines.push(`Replay: ${check.replay}`);
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

/** An attribute value: printable (no control character, no lone surrogate, none of what XML 1.0 forbids) and on one line. */
function attributeText(text: string): string {
  return printable(text);
}
