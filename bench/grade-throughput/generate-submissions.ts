import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISES_DIR, KIT_ROOT, SOLUTIONS_DIR } from '../../grader/data/paths';
import { CATALOGUE, type CatalogueEntry } from '../../grader/diagnosis';
import { entryFile } from '../../grader/diagnosis/catalogue';
import { EXERCISES, type ExerciseId } from '../../grader/shipped/contract/exercises';
import { transpileExercise } from '../../grader/shipped/submission/transpile';
import { kitDefaultAssignment } from '../../grader/assignment/read-assignment';

/** What a generated student handed in. */
export type SubmissionKind = 'correct' | 'one-mistake' | 'two-mistakes' | 'half-done' | 'stub' | 'syntax-error';

export interface GeneratedSubmission {
  /** The folder name, so the student id: `s0007-one-mistake`. */
  readonly id: string;
  readonly kind: SubmissionKind;
  readonly layout: 'exercise-folders' | 'handout-checkout';
  /** Which correct style, catalogue entries, exercises done or file broken. */
  readonly detail: string;
}

/** The mix, in per cent; a realistic class is mostly correct or one mistake away from it. */
export const MIX: readonly (readonly [SubmissionKind, number])[] = [
  ['correct', 25],
  ['one-mistake', 35],
  ['two-mistakes', 9],
  ['half-done', 15],
  ['stub', 8],
  ['syntax-error', 8],
];

const CORRECT_DIR = join(KIT_ROOT, 'tests', 'fixtures', 'correct');
const HANDOUT_SHARE = 0.25;

/** A small, fast, seedable generator (mulberry32). */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Files = Map<ExerciseId, string>;

/** Every exercise's file in `dir`; one it lacks (a correct style written before 07–11) is `fallback`'s. */
const sourceOf = (dir: string, fallback?: Files): Files =>
  new Map(
    EXERCISES.map((e) => {
      const file = join(dir, e.id, e.file);
      return [e.id, fallback && !existsSync(file) ? fallback.get(e.id)! : readFileSync(file, 'utf8')] as const;
    }),
  );

/**
 * Writes `count` student folders into `dir` (emptied first), the same ones for the same seed:
 * correct styles from tests/fixtures/correct, catalogue mistakes swapped into the reference,
 * half-done work over the stubs, untouched stubs and syntax errors, a quarter of them as handout
 * checkouts. Every exercise of the kit is written; an assignment grades the ones it names.
 */
export function generateSubmissions(dir: string, count: number, seed = 1): GeneratedSubmission[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = randomFrom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const styles = readdirSync(CORRECT_DIR)
    .filter((name) => existsSync(join(CORRECT_DIR, name, '01-cost')))
    .sort();
  const reference = sourceOf(SOLUTIONS_DIR);
  const correct = new Map(styles.map((style) => [style, sourceOf(join(CORRECT_DIR, style), reference)] as const));
  const stubs = sourceOf(EXERCISES_DIR);
  const typesSource = readFileSync(join(EXERCISES_DIR, 'types.ts'), 'utf8');
  const width = String(count).length;
  const made: GeneratedSubmission[] = [];

  const kinds = shuffled(kindsFor(count), random);
  for (let i = 0; i < count; i++) {
    const kind = kinds[i];
    let files: Files;
    let detail: string;
    switch (kind) {
      case 'correct': {
        const style = pick(styles);
        files = correct.get(style)!;
        detail = style;
        break;
      }
      case 'one-mistake': {
        const entry = pick(CATALOGUE);
        files = withEntries(reference, [entry]);
        detail = entry.id;
        break;
      }
      case 'two-mistakes': {
        const first = pick(CATALOGUE);
        const second = pick(CATALOGUE.filter((e) => e.exercise !== first.exercise));
        files = withEntries(reference, [first, second]);
        detail = `${first.id} + ${second.id}`;
        break;
      }
      case 'half-done': {
        const style = pick(styles);
        const done = 1 + Math.floor(random() * (EXERCISES.length - 1));
        const missingRest = random() < 0.3;
        files = new Map<ExerciseId, string>();
        EXERCISES.forEach((e, index) => {
          if (index < done) files.set(e.id, correct.get(style)!.get(e.id)!);
          else if (!missingRest) files.set(e.id, stubs.get(e.id)!);
        });
        detail = `${style}, ${done} of ${EXERCISES.length} done${missingRest ? ', the rest missing' : ', the rest stubs'}`;
        break;
      }
      case 'stub':
        files = stubs;
        detail = 'the handout as given';
        break;
      case 'syntax-error': {
        const style = pick(styles);
        const broken = pick(EXERCISES).id;
        files = new Map(correct.get(style)!);
        files.set(broken, breakSyntax(files.get(broken)!, broken, random));
        detail = `${style}, ${broken} does not compile`;
        break;
      }
    }
    const layout = random() < HANDOUT_SHARE ? 'handout-checkout' : 'exercise-folders';
    const id = `s${String(i + 1).padStart(width, '0')}-${kind}`;
    const root = layout === 'handout-checkout' ? join(dir, id, 'exercises') : join(dir, id);
    for (const exercise of EXERCISES) {
      const source = files.get(exercise.id);
      if (source === undefined) continue;
      mkdirSync(join(root, exercise.id), { recursive: true });
      writeFileSync(
        join(root, exercise.id, exercise.file),
        source === stubs.get(exercise.id) ? source : ownCopy(source, id),
      );
    }
    writeFileSync(join(root, 'types.ts'), typesSource);
    made.push({ id, kind, layout, detail });
  }
  return made;
}

/**
 * A file the student wrote, made their own: in a real class no two students hand in the same file
 * (untouched stubs aside), and the grader remembers transpiled files by content, so a class of
 * copies would be graded faster than a real one.
 */
function ownCopy(source: string, studentId: string): string {
  return `${source}${source.endsWith('\n') ? '' : '\n'}// ${studentId}\n`;
}

/** Exactly the mix's shares of `count` (largest remainders), so that every run of the same size grades the same kinds. */
function kindsFor(count: number): SubmissionKind[] {
  const exact = MIX.map(([kind, share]) => ({ kind, exact: (share / 100) * count }));
  const counts = exact.map((e) => Math.floor(e.exact));
  const byRemainder = exact
    .map((e, i) => ({ i, rest: e.exact - counts[i] }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  const left = count - counts.reduce((s, c) => s + c, 0);
  for (let k = 0; k < left; k++) counts[byRemainder[k].i]++;
  return exact.flatMap((e, i) => Array.from({ length: counts[i] }, () => e.kind));
}

function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function withEntries(reference: Files, entries: readonly CatalogueEntry[]): Files {
  const files = new Map(reference);
  for (const entry of entries) files.set(entry.exercise, readFileSync(entryFile(entry), 'utf8'));
  return files;
}

/** The slips that stop a file compiling: a missing closing brace, parenthesis or bracket, or a half-typed line. */
function breakSyntax(source: string, exercise: ExerciseId, random: () => number): string {
  const slips = [
    (s: string) => s.slice(0, s.lastIndexOf('}')) + s.slice(s.lastIndexOf('}') + 1),
    (s: string) => s.replace(/\)\s*\{/, ' {'),
    (s: string) => s.replace(/return /, 'return ('),
    (s: string) => s.replace(/\n(\s*)(let|const) /, '\n$1$2 = '),
  ];
  const start = Math.floor(random() * slips.length);
  for (let k = 0; k < slips.length; k++) {
    const broken = slips[(start + k) % slips.length](source);
    if (broken !== source && transpileExercise(broken, `${exercise}.ts`).syntaxErrors.length) return broken;
  }
  return `${source}\nexport function (\n`;
}

/** Copies `submission`'s files of `exercises` (either layout) into `exercisesDir`/<exercise>/<file>, with the handout's types.ts. */
export function copyExerciseFiles(
  submissionDir: string,
  exercisesDir: string,
  exercises: readonly ExerciseId[] = kitDefaultAssignment().exercises,
): void {
  const base = existsSync(join(submissionDir, 'exercises')) ? join(submissionDir, 'exercises') : submissionDir;
  mkdirSync(exercisesDir, { recursive: true });
  copyFileSync(join(EXERCISES_DIR, 'types.ts'), join(exercisesDir, 'types.ts'));
  for (const exercise of EXERCISES.filter((e) => exercises.includes(e.id))) {
    const from = join(base, exercise.id, exercise.file);
    if (!existsSync(from)) continue;
    mkdirSync(join(exercisesDir, exercise.id), { recursive: true });
    copyFileSync(from, join(exercisesDir, exercise.id, exercise.file));
  }
}

export function countByKind(submissions: readonly GeneratedSubmission[]): Record<SubmissionKind, number> {
  const counts = Object.fromEntries(MIX.map(([kind]) => [kind, 0])) as Record<SubmissionKind, number>;
  for (const s of submissions) counts[s.kind]++;
  return counts;
}
