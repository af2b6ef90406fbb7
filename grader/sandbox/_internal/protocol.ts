import type { ExerciseId } from '../../shipped/contract/exercises';
import type { RealmAnswer } from '../../shipped/door/realm';
import type { RealmCall, RealmSources } from '../../shipped/door/submission-realms';

/*
 * The lines that cross between the grader and a sandbox child: one message per line, JSON but for
 * answers, which carry the realm's text as it is (see `encodeChildMessage`).
 * Requests go down the child's stdin; answers come up a pipe on fd 3 that nothing else writes.
 * Node's own IPC channel is not used: its parser buffers lines without limit and acts on
 * internal messages (file-descriptor passing) in the grader, and neither is wanted here.
 */

/** One thing for the child to do, in a batch. */
export type RunnerOp =
  | { readonly k: 'load'; readonly exercise: ExerciseId; readonly timeoutMs: number }
  | ({ readonly k: 'call' } & RealmCall);

export type ParentMessage =
  | {
      readonly t: 'init';
      readonly sources: RealmSources;
      readonly maxAnswerChars: number;
      readonly maxBatchChars: number;
    }
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

/** An answer whose realm text is sent as it is after this prefix, the batch id and the index: `A <id> <i> <text>`. */
const ANSWER_LINE = 'A ';

/**
 * One line on the answer channel. An answer's text is already JSON without line breaks, so it goes
 * as it is rather than escaped inside another JSON string (which cost the child and the grader a
 * copy, an escape and a parse per answer); a text with a line break goes as JSON.
 */
export function encodeChildMessage(message: ChildMessage): string {
  if (message.t === 'answer' && message.answer.kind === 'answer' && !message.answer.text.includes('\n')) {
    return `${ANSWER_LINE}${message.id} ${message.i} ${message.answer.text}\n`;
  }
  return `${JSON.stringify(message)}\n`;
}

/** The message on one line of the answer channel (without its newline), or undefined when it is none; its fields are still to be checked. */
export function decodeChildLine(line: string): unknown {
  if (line.startsWith(ANSWER_LINE)) {
    const idEnd = line.indexOf(' ', ANSWER_LINE.length);
    const indexEnd = idEnd === -1 ? -1 : line.indexOf(' ', idEnd + 1);
    if (indexEnd === -1) return undefined;
    const index = line.slice(idEnd + 1, indexEnd);
    if (!/^\d{1,9}$/.test(index)) return undefined;
    return {
      t: 'answer',
      id: line.slice(ANSWER_LINE.length, idEnd),
      i: Number(index),
      answer: { kind: 'answer', text: line.slice(indexEnd + 1) },
    };
  }
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
