import type { ExerciseId } from '../../exercises';
import type { RealmAnswer } from '../../door/realm';
import type { RealmCall, RealmSources } from '../../door/submission-realms';

/*
 * The lines that cross between the grader and a sandbox child: JSON, one message per line.
 * Requests go down the child's stdin; answers come up a pipe on fd 3 that nothing else writes.
 * Node's own IPC channel is not used: its parser buffers lines without limit and acts on
 * internal messages (file-descriptor passing) in the grader, and neither is wanted here.
 */

/** One thing for the child to do, in a batch. */
export type RunnerOp =
  | { readonly k: 'load'; readonly exercise: ExerciseId; readonly timeoutMs: number }
  | ({ readonly k: 'call' } & RealmCall);

export type ParentMessage =
  | { readonly t: 'init'; readonly sources: RealmSources; readonly maxAnswerChars: number; readonly maxBatchChars: number }
  /** `singleSteps`: run the first that many requests one chunk each, to find which one a crash came from. */
  | { readonly t: 'batch'; readonly id: string; readonly ops: readonly RunnerOp[]; readonly singleSteps: number };

/** What the realm said, or that its answer was too long to send. */
export type RunnerAnswer = RealmAnswer | { readonly kind: 'oversize'; readonly chars: number };

/**
 * The child runs a batch in chunks (consecutive calls go into the realm together, which is much
 * faster than one entry each), says which requests a chunk holds before running it, and answers
 * every request of the chunk after it. If the process dies, the grader knows which chunk did it.
 */
export type ChildMessage =
  | { readonly t: 'ready' }
  | { readonly t: 'chunk'; readonly id: string; readonly i: number; readonly n: number }
  | { readonly t: 'answer'; readonly id: string; readonly i: number; readonly answer: RunnerAnswer };
