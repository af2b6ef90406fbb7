import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printableJson } from '../shipped/output/printable';

/** One student's finished grading, appended only after every file of theirs was written. */
export interface JournalEntry {
  readonly student: string;
  readonly key: string;
  readonly score: number;
  /** The grader that graded it (`GRADER_VERSION`). The fields from here on are absent from lines written by kits that did not keep them. */
  readonly graderVersion?: string;
  readonly seed?: number;
  /** The submission's `contentHash`: a regrade flags a student whose submission changed since. */
  readonly contentHash?: string;
  /** When the work was handed in, ISO 8601: the time the submission carries, or else its files' newest modification time (`submissionTime`). */
  readonly submittedAt?: string;
  /** When the student's files were written, ISO 8601. */
  readonly gradedAt?: string;
}

/** The start or the end of a grading run, with the seed its students are graded with: a run that started and did not finish is resumed with its own seed. */
export interface RunMark {
  readonly run: 'started' | 'finished';
  readonly seed: number;
}

export const JOURNAL_FILE = '.grade-journal.jsonl';

/** What a student's files depend on: the submission's bytes, the grader (checks and references), the seed, and whether reports were written (a results-only run leaves a later full run reports to write). */
export function gradingKey(
  contentHash: string,
  graderVersion: string,
  seed: number,
  outputs: 'results' | 'reports' = 'reports',
): string {
  return createHash('sha256')
    .update(`${contentHash}\n${graderVersion}\n${seed}${outputs === 'reports' ? '' : '\nresults only'}`)
    .digest('hex');
}

/**
 * An append-only record of finished students in the output folder. A batch killed at any point
 * (Ctrl-C or kill -9) leaves at worst a torn last line, which is ignored: that student is graded again.
 */
export class GradingJournal {
  private readonly entries = new Map<string, JournalEntry>();
  private unfinished?: number;
  readonly path: string;

  constructor(outDir: string) {
    this.path = join(outDir, JOURNAL_FILE);
    if (!existsSync(this.path)) return;
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      const mark = parseRunMark(line);
      if (mark)
        this.unfinished =
          mark.run === 'started' ? mark.seed : mark.seed === this.unfinished ? undefined : this.unfinished;
      const entry = parseEntry(line);
      if (entry) this.entries.set(entry.student, entry);
    }
  }

  /** The seed of the last run, when it started and never finished (interrupted, or killed): resuming it grades the rest with the same seed. */
  get unfinishedRunSeed(): number | undefined {
    return this.unfinished;
  }

  /** Marks the start (before any student) or the end (after every student) of a run. */
  mark(run: RunMark['run'], seed: number): void {
    appendFileSync(this.path, `${JSON.stringify({ run, seed } satisfies RunMark)}\n`);
    this.unfinished = run === 'started' ? seed : undefined;
  }

  /** True when this student was finished with exactly this key. */
  isDone(student: string, key: string): boolean {
    return this.entries.get(student)?.key === key;
  }

  /** The student's last finished grading, if the journal has one. */
  entryOf(student: string): JournalEntry | undefined {
    return this.entries.get(student);
  }

  record(entry: JournalEntry): void {
    // A student's id is any folder name: JSON keeps it on one line, printableJson keeps it safe to `cat`.
    appendFileSync(this.path, `${printableJson(entry)}\n`);
    this.entries.set(entry.student, entry);
  }
}

function parseRunMark(line: string): RunMark | undefined {
  if (!line.startsWith('{"run"')) return undefined;
  try {
    const value = JSON.parse(line) as Partial<RunMark>;
    return (value.run === 'started' || value.run === 'finished') && Number.isSafeInteger(value.seed)
      ? (value as RunMark)
      : undefined;
  } catch {
    return undefined;
  }
}

function parseEntry(line: string): JournalEntry | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as Partial<Record<keyof JournalEntry, unknown>>;
    if (typeof value.student !== 'string' || typeof value.key !== 'string' || typeof value.score !== 'number')
      return undefined;
    const text = (field: unknown) => (typeof field === 'string' ? field : undefined);
    return {
      student: value.student,
      key: value.key,
      score: value.score,
      graderVersion: text(value.graderVersion),
      seed: Number.isSafeInteger(value.seed) ? (value.seed as number) : undefined,
      contentHash: text(value.contentHash),
      submittedAt: text(value.submittedAt),
      gradedAt: text(value.gradedAt),
    };
  } catch {
    return undefined;
  }
}
