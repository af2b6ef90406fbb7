import { createHash } from 'node:crypto';

/**
 * Where each student's outputs go under `--out`, for a whole class at once: a name that is the
 * student's id whenever that is safe, and otherwise a readable part of it followed by `~` and a
 * hash of the whole id (`summary.html~3f9a0c41d2e7`, `jose~8b1d…`).
 *
 * An id is kept as it is only when it is plain: ASCII letters, digits, `.`, `_` and `-`, starting
 * with a letter or a digit, not ending with a dot, at most 64 characters, and not a name the kit
 * writes at the top of `--out` (anything ending in `.html`, `.md`, `.csv`, `.json`, `.jsonl`, `.xml`,
 * `.tmp`, …; the journal and temporary files start with a dot; the folder `regrade`, in any case) or
 * that Windows reserves (`con`, `nul`, `com1`, …). Ids that differ only by case are both hashed, so
 * that the folders stay apart on a case-insensitive disk too. Plain names hold no `~` and hashed ones do, so the two kinds never
 * meet, and different ids never share a folder. Every student's grading.json holds the exact id.
 *
 * The mapping depends on the whole class (the case rule), so the batch and the class summary both
 * compute it over every entry of the submissions folder: the graded students and the ones that
 * could not be graded.
 */
export function studentFolders(studentIds: Iterable<string>): Map<string, string> {
  const ids = [...new Set(studentIds)];
  const plainByFold = new Map<string, number>();
  for (const id of ids)
    if (isPlain(id)) plainByFold.set(id.toLowerCase(), (plainByFold.get(id.toLowerCase()) ?? 0) + 1);
  return new Map(ids.map((id) => [id, isPlain(id) && plainByFold.get(id.toLowerCase()) === 1 ? id : hashedFolder(id)]));
}

/** The folder of one student in a class where no other id differs from it only by case. */
export function studentFolder(studentId: string): string {
  return studentFolders([studentId]).get(studentId)!;
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Extensions of files the kit writes, or may one day write, beside the student folders. */
const KIT_FILE = /\.(html?|md|csv|tsv|json|jsonl|xml|tmp|txt|svg|zip|log)$/i;
/** The folder the kit writes at the top of `--out`: a regrade's preview waits there to be accepted (grader/batch/regrade.ts). */
export const REGRADE_FOLDER = 'regrade';
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function isPlain(id: string): boolean {
  return (
    PLAIN.test(id) &&
    !id.endsWith('.') &&
    !KIT_FILE.test(id) &&
    !WINDOWS_RESERVED.test(id) &&
    id.toLowerCase() !== REGRADE_FOLDER
  );
}

function hashedFolder(id: string): string {
  const readable = id
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 40)
    .replace(/[._-]+$/, '');
  const digest = createHash('sha256').update(Buffer.from(id, 'utf16le')).digest('hex').slice(0, 12);
  return `${readable || 'student'}~${digest}`;
}
