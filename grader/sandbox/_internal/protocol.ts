import type { ExerciseId } from '../../exercises';
import type { RealmAnswer } from '../../door/realm';
import type { RealmSources, World } from '../../door/submission-realms';

/*
 * The lines that cross between the grader and a sandbox child: JSON, one message per line.
 * Requests go down the child's stdin; answers come up a pipe on fd 3 that nothing else writes.
 * Node's own IPC channel is not used: its parser buffers lines without limit and acts on
 * internal messages (file-descriptor passing) in the grader, and neither is wanted here.
 */

/** One thing for the child to do, in a batch. */
export type RunnerOp =
  | { readonly k: 'load'; readonly exercise: ExerciseId; readonly timeoutMs: number }
  | { readonly k: 'call'; readonly exercise: ExerciseId; readonly fn: string; readonly argsText: string; readonly world: World; readonly timeoutMs: number };

export type ParentMessage =
  | { readonly t: 'init'; readonly sources: RealmSources; readonly maxAnswerChars: number; readonly maxBatchChars: number }
  | { readonly t: 'batch'; readonly id: string; readonly ops: readonly RunnerOp[] };

/** What the realm said, or that its answer was too long to send. */
export type RunnerAnswer = RealmAnswer | { readonly kind: 'oversize'; readonly chars: number };

export type ChildMessage =
  | { readonly t: 'ready' }
  | { readonly t: 'answer'; readonly id: string; readonly i: number; readonly answer: RunnerAnswer };
