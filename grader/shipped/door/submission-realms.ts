import type { ExerciseId } from '../contract/exercises';
import { EXERCISE_IDS, foundationsOf, moduleIdOf } from '../contract/exercises';
import { Realm, type RealmAnswer, type RealmModule } from './realm';

/**
 * Which code a call runs on. `student`: the submission's own files throughout. `isolated`: the
 * student's files, except that the exercises this one builds on (`foundationsOf`) are replaced by
 * the reference, so that a correct loop on top of a broken gradient can still be graded on its own
 * logic. Nothing else is lent: the reference of an exercise it is not meant to build on would do
 * work this exercise is graded for.
 */
export type World = 'student' | 'isolated';

/** The JavaScript a submission brings (by exercise), and the references that isolated worlds borrow. */
export interface RealmSources {
  readonly student: Partial<Record<ExerciseId, RealmModule>>;
  readonly reference: Partial<Record<ExerciseId, RealmModule>>;
}

/** Plain-data description of one call into a submission. */
export interface RealmCall {
  readonly exercise: ExerciseId;
  readonly fn: string;
  readonly argsText: string;
  readonly world: World;
  /** Runs in the world's hidden realm (see `CallRequest.hidden`). */
  readonly hidden?: boolean;
  readonly timeoutMs: number;
  /** Also send back the arguments as the call left them, to see whether it changed them. */
  readonly observeArguments?: boolean;
}

/**
 * The realms of one submission: one for the student world, and one per exercise graded in
 * isolation. Realms never share objects, so the reference code lent to an isolated world can
 * never be reached from the student world. Calls for hidden checks get realms of their own in each
 * world, so what a hidden input leaves in the student's module state never reaches a public answer. In an isolated world the reference is lent: student
 * code may call it, but cannot read its source or change its exports (realm-kit.js). Runs wherever it is put: in a sandbox child, or
 * (for the kit's own tests only) in-process.
 */
export class SubmissionRealms {
  private readonly realms = new Map<string, Realm>();

  constructor(private readonly sources: RealmSources) {}

  /** Runs an exercise's top-level code in the student world; reports its exported functions or why it failed. */
  load(exercise: ExerciseId, timeoutMs: number): RealmAnswer {
    return this.realmFor(exercise, 'student').load(moduleIdOf(exercise), timeoutMs);
  }

  call(request: RealmCall): RealmAnswer {
    const realm = this.realmFor(request.exercise, request.world, request.hidden);
    return realm.call(
      moduleIdOf(request.exercise),
      request.fn,
      request.argsText,
      request.timeoutMs,
      request.observeArguments,
    );
  }

  /** Answers calls in order, batching the consecutive ones that share a realm; `onAnswers` hears them as each entry into a realm ends. */
  callMany(requests: readonly RealmCall[], onAnswers?: (answers: readonly RealmAnswer[]) => void): RealmAnswer[] {
    const answers: RealmAnswer[] = [];
    let start = 0;
    while (start < requests.length) {
      const { exercise, world, hidden = false, timeoutMs } = requests[start];
      let end = start + 1;
      const sameRealm = (r: RealmCall) =>
        r.world === world &&
        (r.hidden ?? false) === hidden &&
        (world === 'student' || r.exercise === exercise) &&
        r.timeoutMs === timeoutMs;
      while (end < requests.length && sameRealm(requests[end])) end++;
      const group = requests.slice(start, end).map((r) => ({
        id: moduleIdOf(r.exercise),
        fn: r.fn,
        argsText: r.argsText,
        observeArguments: r.observeArguments,
      }));
      answers.push(...this.realmFor(exercise, world, hidden).callMany(group, timeoutMs, onAnswers));
      start = end;
    }
    return answers;
  }

  private realmFor(exercise: ExerciseId, world: World, hidden = false): Realm {
    const key = `${world === 'student' ? 'student' : `isolated:${exercise}`}${hidden ? ':hidden' : ''}`;
    let realm = this.realms.get(key);
    if (!realm) {
      realm = new Realm();
      const lends = world === 'isolated' ? foundationsOf(exercise) : [];
      for (const id of EXERCISE_IDS) {
        const lent = lends.includes(id);
        const module = lent ? this.sources.reference[id] : this.sources.student[id];
        if (module) defineQuietly(realm, module, lent);
      }
      this.realms.set(key, realm);
    }
    return realm;
  }
}

/** A module that does not compile stays undefined; loading it then reports it missing, and its syntax error was already reported when it was read. */
function defineQuietly(realm: Realm, module: RealmModule, lent: boolean): void {
  try {
    realm.define(module, { lent });
  } catch {
    return;
  }
}
