import type { Probe } from '../probes/probe';
import type { CallOutcome } from '../shipped/door/port';
import { evaluate } from './evaluate';
import { textOf, type Evidence, type MistakeSpace, type Slip, type SlipText } from './space';

/** One member of a mistake space: one slip, or two slips of different knobs made together. */
export interface Candidate<C> {
  /** `02-gradient/missing-factor-2`, or `02-gradient/missing-factor-2+skips-first-point` for two slips. */
  readonly id: string;
  readonly slips: readonly Slip<C>[];
  readonly config: C;
}

/** A candidate with its answers on the designed probes. */
export interface Answered<C> {
  readonly candidate: Candidate<C>;
  readonly answers: readonly CallOutcome[];
  /** Its answer on one probe, worked out on first use: most candidates are ruled out by their first probe. */
  answerOn?(index: number): CallOutcome;
}

/** A candidate whose answers are worked out probe by probe, as they are asked for, and kept. */
function lazilyAnswered<C>(space: MistakeSpace<C>, candidate: Candidate<C>, probes: readonly Probe[]): Answered<C> {
  const known: (CallOutcome | undefined)[] = new Array(probes.length);
  let implementation: ReturnType<MistakeSpace<C>['implement']> | undefined;
  const answerOn = (i: number) =>
    (known[i] ??= evaluate(
      (implementation ??= space.implement(candidate.config)),
      probes[i].request.fn,
      probes[i].request.args,
    ));
  return {
    candidate,
    answerOn,
    get answers() {
      return probes.map((_, i) => answerOn(i));
    },
  };
}

/** A space made concrete: every distinct mistake it holds, with its answers on the probes. */
export interface GeneratedSpace<C> {
  readonly space: MistakeSpace<C>;
  readonly probes: readonly Probe[];
  readonly reference: readonly CallOutcome[];
  /** Distinct behaviours, fewest slips first: of candidates that behave alike on every input tried, only the simplest is kept. */
  readonly members: readonly Answered<C>[];
  /** Candidates that behave as the reference on every input tried (a sign flipped inside a square): no mistake at all. */
  readonly harmless: readonly Candidate<C>[];
  /** How many candidates were generated before duplicates and harmless ones were set aside. */
  readonly generated: number;
}

/** The probes' answers of one configuration. */
export function answersOf<C>(space: MistakeSpace<C>, config: C, probes: readonly Probe[]): CallOutcome[] {
  const implementation = space.implement(config);
  return probes.map((p) => evaluate(implementation, p.request.fn, p.request.args));
}

/** Every single slip, then every two slips of different knobs that compose, in the order the space lists them. */
export function enumerate<C>(space: MistakeSpace<C>): Candidate<C>[] {
  const { slips, reference, exercise } = space;
  const candidates: Candidate<C>[] = slips.map((s) => ({
    id: `${exercise}/${s.id}`,
    slips: [s],
    config: s.apply(reference),
  }));
  for (let i = 0; i < slips.length; i++)
    for (let j = i + 1; j < slips.length; j++) {
      const [a, b] = [slips[i], slips[j]];
      if (a.knob === b.knob || (space.composable && !space.composable(a, b))) continue;
      candidates.push({ id: `${exercise}/${a.id}+${b.id}`, slips: [a, b], config: b.apply(a.apply(reference)) });
    }
  return candidates;
}

/** A behaviour's fingerprint: its answers on the fingerprint inputs and the probes, numbers to 9 significant digits. */
export function fingerprint<C>(space: MistakeSpace<C>, config: C, probes: readonly Probe[]): string {
  const implementation = space.implement(config);
  const calls = [...space.fingerprintInputs(), ...probes.map((p) => p.request)];
  return JSON.stringify(
    calls.map(({ fn, args }) => {
      const outcome = evaluate(implementation, fn, args);
      return outcome.ok ? outcome.value : outcome.error.kind;
    }),
    (_, v) => (typeof v === 'number' ? (Number.isFinite(v) ? Number(v.toPrecision(9)) : String(v)) : v),
  );
}

/** Builds a space's members: enumerates, sets aside the harmless, and keeps one candidate per behaviour. */
export function generate<C>(space: MistakeSpace<C>, probes: readonly Probe[]): GeneratedSpace<C> {
  const referencePrint = fingerprint(space, space.reference, probes);
  const seen = new Set<string>([referencePrint]);
  const members: Answered<C>[] = [];
  const harmless: Candidate<C>[] = [];
  const candidates = enumerate(space);
  for (const candidate of candidates) {
    const print = fingerprint(space, candidate.config, probes);
    if (print === referencePrint) harmless.push(candidate);
    if (seen.has(print)) continue;
    seen.add(print);
    members.push({ candidate, answers: answersOf(space, candidate.config, probes) });
  }
  return {
    space,
    probes,
    reference: answersOf(space, space.reference, probes),
    members,
    harmless,
    generated: candidates.length,
  };
}

/**
 * Every candidate, its answers on the probes worked out only as the diagnosis asks for them, without
 * setting aside duplicates: what the diagnosis matches against (the probes only, no fingerprint
 * inputs). Candidates that behave alike are told apart only among those that fit a
 * student's answers (`distinctBehaviours`).
 */
export function answerAll<C>(space: MistakeSpace<C>, probes: readonly Probe[]): GeneratedSpace<C> {
  const candidates = enumerate(space);
  return {
    space,
    probes,
    reference: answersOf(space, space.reference, probes),
    members: candidates.map((candidate) => lazilyAnswered(space, candidate, probes)),
    harmless: [],
    generated: candidates.length,
  };
}

/** The candidates of distinct behaviour among `answered`, the first of each kept (the space's order: fewest slips first). */
export function distinctBehaviours<C, A extends { answered: Answered<C> }>(
  space: MistakeSpace<C>,
  probes: readonly Probe[],
  fits: readonly A[],
): A[] {
  if (fits.length < 2) return [...fits];
  const seen = new Set<string>();
  return fits.filter((f) => {
    const print = fingerprint(space, f.answered.candidate.config, probes);
    if (seen.has(print)) return false;
    seen.add(print);
    return true;
  });
}

/** The reference with `slips` made in order, each parameter fitted to the student's answers; undefined when one fits nothing. */
function fittedConfig<C>(space: MistakeSpace<C>, slips: readonly Slip<C>[], evidence: Evidence): C | undefined {
  let config = space.reference;
  for (const s of slips) {
    config = s.apply(config);
    if (s.fit) {
      const fit = s.fit(config, evidence);
      if (!fit) return undefined;
      config = fit;
    }
  }
  return config;
}

/**
 * The member as it fits one student's answers: a slip with a parameter takes the value the answers
 * show (the learning rate the student's steps use). Undefined when a parameter fits nothing.
 */
export function fitted<C>(
  generated: GeneratedSpace<C>,
  member: Answered<C>,
  evidence: Evidence,
): Answered<C> | undefined {
  const { candidate } = member;
  if (!candidate.slips.some((s) => s.fit)) return member;
  const config = fittedConfig(generated.space, candidate.slips, evidence);
  if (config === undefined) return undefined;
  return {
    candidate: { ...candidate, config },
    answers: answersOf(generated.space, config, generated.probes),
  };
}

/**
 * Several slips made together, as one candidate fitted to the student's answers: for slips in
 * different exports of one exercise, found export by export. Undefined when a parameter fits nothing.
 */
export function combined<C>(
  generated: GeneratedSpace<C>,
  slips: readonly Slip<C>[],
  evidence: Evidence,
): Answered<C> | undefined {
  const { space } = generated;
  const ordered = [...slips].sort((a, b) => space.slips.indexOf(a) - space.slips.indexOf(b));
  const config = fittedConfig(space, ordered, evidence);
  if (config === undefined) return undefined;
  return {
    candidate: { id: `${space.exercise}/${ordered.map((s) => s.id).join('+')}`, slips: ordered, config },
    answers: answersOf(space, config, generated.probes),
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const COUNTS = ['', 'One', 'Two', 'Three', 'Four', 'Five', 'Six'];
const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth'];
const withoutFullStop = (s: string) => s.replace(/\.$/, '');

/** A candidate's words: a slip's own, or several slips' explained from their parts. */
export function textOfCandidate<C>(candidate: Candidate<C>): SlipText {
  return composedText(candidate.slips.map((s) => textOf(s, candidate.config)));
}

/** The words of several mistakes made together, from each one's own; one mistake keeps its words. */
export function composedText(parts: readonly SlipText[]): SlipText {
  if (parts.length === 1) return parts[0];
  return {
    name: `${COUNTS[parts.length] ?? parts.length} mistakes together: ${parts.map((p) => withoutFullStop(lowerFirst(p.name))).join('; and ')}`,
    explanation: parts.map((p, i) => `${ORDINALS[i] ?? `Part ${i + 1}`}: ${p.explanation}`).join(' '),
    hint: parts.map((p) => p.hint).join(' Then: '),
  };
}
