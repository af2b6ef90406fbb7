import { EXERCISES, type ExerciseId } from '../contract/exercises';
import type { Submission } from '../submission/read-submission';
import { decodeWire } from '../wire/wire';
import type { ModuleStatus } from './port';
import type { RealmAnswer, RealmModule } from './realm';
import type { RealmSources } from './submission-realms';

/** The modules a submission's realms are built from: the student's, and the references that isolated worlds borrow. */
export function realmSourcesOf(submission: Submission, reference: Submission): RealmSources {
  const pick = (s: Submission) => {
    const out: Partial<Record<ExerciseId, RealmModule>> = {};
    for (const { id } of EXERCISES) if (s.files[id].module) out[id] = s.files[id].module;
    return out;
  };
  return { student: pick(submission), reference: pick(reference) };
}

/** Imports each found file once and says, per exercise, whether it can be called and why not. */
export function moduleStatuses(submission: Submission, load: (exercise: ExerciseId) => RealmAnswer): ModuleStatus[] {
  return EXERCISES.map(({ id }) => {
    const file = submission.files[id];
    if (file.state === 'missing') return { exercise: id, state: 'missing', message: file.message };
    if (file.state === 'unreadable') return { exercise: id, state: 'unreadable', message: file.message };
    if (file.state === 'syntax-error') return { exercise: id, state: 'syntax-error', message: file.message };
    return statusFromLoad(id, file.displayPath, load(id));
  });
}

export function statusFromLoad(exercise: ExerciseId, displayPath: string, answer: RealmAnswer): ModuleStatus {
  if (answer.kind === 'timeout')
    return {
      exercise,
      state: 'import-failed',
      message: `${displayPath} did not finish importing: its top-level code runs forever. Keep only function definitions at the top level.`,
    };
  if (answer.kind === 'malformed')
    return { exercise, state: 'import-failed', message: `${displayPath} could not be imported (${answer.detail}).` };
  const reply = safeDecode(answer.text);
  if (reply?.ok === true) {
    const functions = Array.isArray(reply.functions)
      ? reply.functions.filter((f): f is string => typeof f === 'string')
      : [];
    return { exercise, state: 'loaded', exportedFunctions: functions };
  }
  const message = typeof reply?.error?.message === 'string' ? reply.error.message : 'unknown error';
  return { exercise, state: 'import-failed', message: `${displayPath} threw while it was being imported: ${message}` };
}

function safeDecode(text: string): { ok?: unknown; functions?: unknown; error?: { message?: unknown } } | undefined {
  try {
    const value = decodeWire(text);
    return value !== null && typeof value === 'object' ? (value as never) : undefined;
  } catch {
    return undefined;
  }
}
