import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIT_ROOT } from '../../grader/data/paths';
import { EXERCISES, EXERCISE_IDS, exerciseFile, type ExerciseId } from '../../grader/shipped/contract/exercises';
import { InMemoryCompiler, type CompiledSource } from './compile';
import { applyEdits, findMutationSites, type MutationKind, type MutationSite } from './mutations';
import { SeededRandom } from './random';

/** One generated slip: a correct file of the kit with one mutation (two for about a fifth of them). */
export interface GeneratedSlip {
  /** `<exercise>-<nnn>`, unique within one run. */
  readonly id: string;
  readonly exercise: ExerciseId;
  /** The correct file it was made from: `reference` (solutions/) or `correct/<style>` (tests/fixtures/correct/). */
  readonly base: string;
  /** Each mutation in words, where and what: ``line 7: "+" → "-" in `m * p.x + b` ``. */
  readonly mutations: string[];
  /** The kind of each mutation, in the same order. */
  readonly kinds: MutationKind[];
  /** The slip's whole source, which compiles. */
  readonly source: string;
}

export interface SlipOptions {
  readonly seed: number;
  readonly perExercise: number;
  /** Every exercise unless told. */
  readonly exercises?: readonly ExerciseId[];
}

/** The share of slips that get a second mutation on top of the first. */
export const SECOND_MUTATION_RATE = 0.2;
/** Mutations tried on one base before the generator moves on to the next base. */
const ATTEMPTS_PER_BASE = 40;

/** A correct exercise file: where it is, and its text. */
export interface BaseFile {
  readonly name: string;
  readonly path: string;
  readonly source: string;
}

/**
 * The correct files of an exercise that slips are made from: the reference, then each correct
 * style in name order; a style whose file is the reference's (or an earlier style's) byte for byte
 * is left out, so that no text counts twice.
 */
export function baseFiles(exercise: ExerciseId): BaseFile[] {
  const file = exerciseFile(exercise);
  const correctDir = join(KIT_ROOT, 'tests', 'fixtures', 'correct');
  const candidates = [
    { name: 'reference', path: join(KIT_ROOT, 'solutions', exercise, file) },
    ...readdirSync(correctDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
      .map((style) => ({ name: `correct/${style}`, path: join(correctDir, style, exercise, file) })),
  ];
  const seen = new Set<string>();
  const bases: BaseFile[] = [];
  for (const candidate of candidates) {
    let source: string;
    try {
      source = readFileSync(candidate.path, 'utf8');
    } catch {
      continue;
    }
    if (seen.has(source)) continue;
    seen.add(source);
    bases.push({ ...candidate, source });
  }
  return bases;
}

let sharedCompiler: InMemoryCompiler | undefined;
const compiler = () => (sharedCompiler ??= new InMemoryCompiler());

/**
 * Plausible student slips, made by mutating the source of the kit's correct files: for each
 * exercise, `perExercise` slips spread over its correct files in a seeded order, each with one
 * mutation (two for about a fifth), every one of which compiles (syntax, types, and the kit's own
 * transpiler); a mutation that does not is drawn again. A kind of mutation is drawn first, evenly
 * among the kinds that apply to the file, then a place for it, so that no kind crowds the others
 * out because it has many places. No two slips, and no slip and base, have the same text. The same
 * seed gives the same slips byte for byte.
 */
export function generateSlips(options: SlipOptions): GeneratedSlip[] {
  const slips: GeneratedSlip[] = [];
  for (const exercise of options.exercises ?? EXERCISE_IDS) {
    const random = SeededRandom.of('slips', options.seed, exercise);
    const exportNames = EXERCISES.find((e) => e.id === exercise)!.exports;
    const bases = random.shuffled(baseFiles(exercise));
    const texts = new Set(bases.map((b) => b.source));
    const sitesOfBase = new Map<BaseFile, MutationSite[]>();
    let made = 0;
    for (let turn = 0; made < options.perExercise && turn < options.perExercise * bases.length; turn++) {
      const base = bases[turn % bases.length];
      if (!sitesOfBase.has(base))
        sitesOfBase.set(base, findMutationSites(compiler().compile(base.path, base.source), exportNames));
      const slip = drawSlip(base, sitesOfBase.get(base)!, exportNames, random, texts);
      if (!slip) continue;
      texts.add(slip.source);
      made++;
      slips.push({ id: `${exercise}-${String(made).padStart(3, '0')}`, exercise, base: base.name, ...slip });
    }
  }
  return slips;
}

type DrawnSlip = Pick<GeneratedSlip, 'mutations' | 'kinds' | 'source'>;

function drawSlip(
  base: BaseFile,
  sites: readonly MutationSite[],
  exportNames: readonly string[],
  random: SeededRandom,
  taken: ReadonlySet<string>,
): DrawnSlip | undefined {
  const first = drawMutation(base.path, base.source, sites, random, taken, ATTEMPTS_PER_BASE);
  if (!first) return undefined;
  const slip: DrawnSlip = { mutations: [first.site.description], kinds: [first.site.kind], source: first.source };
  if (!random.chance(SECOND_MUTATION_RATE)) return slip;
  const second = drawMutation(
    base.path,
    first.source,
    findMutationSites(first.compiled, exportNames),
    random,
    taken,
    ATTEMPTS_PER_BASE,
  );
  if (!second) return slip;
  return {
    mutations: [...slip.mutations, second.site.description],
    kinds: [...slip.kinds, second.site.kind],
    source: second.source,
  };
}

/** One mutation of `source` that compiles and makes a text not taken yet, drawn kind first; undefined when none is found in `attempts`. */
function drawMutation(
  path: string,
  source: string,
  sites: readonly MutationSite[],
  random: SeededRandom,
  taken: ReadonlySet<string>,
  attempts: number,
): { site: MutationSite; source: string; compiled: CompiledSource } | undefined {
  const remaining = new Map<MutationKind, MutationSite[]>();
  for (const site of sites) remaining.set(site.kind, [...(remaining.get(site.kind) ?? []), site]);
  for (let attempt = 0; attempt < attempts && remaining.size; attempt++) {
    const kind = random.pick([...remaining.keys()]);
    const ofKind = remaining.get(kind)!;
    const site = ofKind.splice(random.int(0, ofKind.length - 1), 1)[0];
    if (!ofKind.length) remaining.delete(kind);
    const mutated = applyEdits(source, site.edits);
    if (mutated === source || taken.has(mutated)) continue;
    const compiled = compiler().compile(path, mutated);
    if (compiled.errors.length) continue;
    return { site, source: mutated, compiled };
  }
  return undefined;
}
