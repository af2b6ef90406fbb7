import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assignmentOf, type Assignment } from '../shipped/contract/assignment';
import { KIT_ROOT } from '../data/paths';
import { KitError } from '../shipped/errors';
import schema from './assignment.schema.json';

/** The assignment graded when none is named: the six exercises of the seeds. */
export const DEFAULT_ASSIGNMENT_FILE = join(KIT_ROOT, 'assignments', 'seeds.json');

const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/**
 * The assignment in `file` (JSON: `{ "title", "exercises": [...] }`, `assignment.schema.json`).
 * Throws a `KitError` ('assignment-invalid') naming the file and each problem.
 */
export function readAssignment(file: string = DEFAULT_ASSIGNMENT_FILE): Assignment {
  const shown = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KitError(
      'assignment-invalid',
      `${shown}: cannot read the assignment (${code ?? String(error)}); name a JSON file like assignments/seeds.json`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KitError(
      'assignment-invalid',
      `${shown} is not JSON (${(error as Error).message}); see assignments/seeds.json`,
    );
  }
  if (!validate(json)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || 'the file'} ${e.message ?? 'is invalid'}`);
    throw new KitError(
      'assignment-invalid',
      `${shown} is not an assignment: ${problems.join('; ')}. It needs { "title": "…", "exercises": ["01-cost", …] }`,
    );
  }
  const { title, exercises } = json as { title: string; exercises: string[] };
  const made = assignmentOf(title, exercises);
  if (!made.ok) throw new KitError('assignment-invalid', `${shown}: ${made.problems.join('; ')}`);
  return made.assignment;
}

let defaultAssignment: Assignment | undefined;

/** The kit's default assignment (`assignments/seeds.json`), read once. */
export function kitDefaultAssignment(): Assignment {
  return (defaultAssignment ??= readAssignment(DEFAULT_ASSIGNMENT_FILE));
}
