import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SOLUTIONS_DIR } from '../data/paths';
import { EXERCISE_IDS, exerciseFile, moduleIdOf, type ExerciseId } from '../shipped/contract/exercises';
import { readSubmission, type Submission } from '../shipped/submission/read-submission';
import { transpileExercise } from '../shipped/submission/transpile';
import { KitError } from '../shipped/errors';
import { entryFile, type CatalogueEntry } from './catalogue';

let reference: Submission | undefined;

/** The reference solutions, read once per process. */
export function referenceSubmission(): Submission {
  reference ??= readSubmission(SOLUTIONS_DIR, 'reference');
  return reference;
}

/** A submission that is `base` except for one exercise file, given as TypeScript source. Trusted sources only. */
export function withExerciseSource(
  base: Submission,
  exercise: ExerciseId,
  source: string,
  studentId: string,
): Submission {
  const displayPath = `<submission>/${exercise}/${exerciseFile(exercise)}`;
  const compiled = transpileExercise(source, displayPath);
  if (compiled.syntaxErrors.length)
    throw new KitError(
      'catalogue-invalid',
      `grader: a catalogue variant for ${exercise} does not compile:\n${compiled.syntaxErrors.join('\n')}`,
    );
  const sha256 = createHash('sha256').update(source).digest('hex');
  const files = {
    ...base.files,
    [exercise]: {
      exercise,
      displayPath,
      state: 'found',
      sha256,
      module: { id: moduleIdOf(exercise), filename: displayPath, javascript: compiled.javascript },
    },
  } as Submission['files'];
  const hash = createHash('sha256');
  for (const id of EXERCISE_IDS) hash.update(`${id}:${files[id].state}:${files[id].sha256 ?? ''}\n`);
  return { ...base, studentId, files, contentHash: hash.digest('hex') };
}

/** A catalogue entry as a whole submission: its variant file, and the reference for every other exercise. */
export function entrySubmission(entry: CatalogueEntry): Submission {
  const source = readFileSync(entryFile(entry), 'utf8');
  return withExerciseSource(referenceSubmission(), entry.exercise, source, entry.id.replace('/', '--'));
}
