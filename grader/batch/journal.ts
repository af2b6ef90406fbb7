import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One student's finished grading, appended only after every file of theirs was written. */
export interface JournalEntry {
  readonly student: string;
  readonly key: string;
  readonly score: number;
}

export const JOURNAL_FILE = '.grade-journal.jsonl';

/** What a student's files depend on: the submission's bytes, the grader (checks and references), the seed, and whether reports were written (a results-only run leaves a later full run reports to write). */
export function gradingKey(contentHash: string, graderVersion: string, seed: number, outputs: 'results' | 'reports' = 'reports'): string {
  return createHash('sha256').update(`${contentHash}\n${graderVersion}\n${seed}${outputs === 'reports' ? '' : '\nresults only'}`).digest('hex');
}

/**
 * An append-only record of finished students in the output folder. A batch killed at any point
 * (Ctrl-C or kill -9) leaves at worst a torn last line, which is ignored: that student is graded again.
 */
export class GradingJournal {
  private readonly entries = new Map<string, JournalEntry>();
  readonly path: string;

  constructor(outDir: string) {
    this.path = join(outDir, JOURNAL_FILE);
    if (!existsSync(this.path)) return;
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      const entry = parseEntry(line);
      if (entry) this.entries.set(entry.student, entry);
    }
  }

  /** True when this student was finished with exactly this key. */
  isDone(student: string, key: string): boolean {
    return this.entries.get(student)?.key === key;
  }

  record(entry: JournalEntry): void {
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
    this.entries.set(entry.student, entry);
  }
}

function parseEntry(line: string): JournalEntry | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as Partial<JournalEntry>;
    return typeof value.student === 'string' && typeof value.key === 'string' && typeof value.score === 'number' ? (value as JournalEntry) : undefined;
  } catch {
    return undefined;
  }
}
