import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Submission } from '../shipped/submission/read-submission';

/** The file a submission may carry its own time in, as Gradescope gives every submission: `{ "created_at": "<ISO 8601>" }`. */
export const SUBMISSION_METADATA_FILE = 'submission_metadata.json';

const MAX_METADATA_BYTES = 64 * 1024;
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/**
 * When the work was handed in, as ISO 8601 (UTC), apart from when it is graded: the time the
 * submission carries (`created_at` in a `submission_metadata.json` at the top of its folder), or
 * else the newest modification time of the exercise files the grader read. Undefined when neither
 * is there. Nothing is followed through a link, and a metadata file that is not a small regular
 * file with a valid time is ignored.
 */
export function submissionTime(submission: Submission): string | undefined {
  return carriedTime(submission.root) ?? newestFileTime(submission);
}

function carriedTime(root: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(join(root, SUBMISSION_METADATA_FILE), OPEN_FLAGS);
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_METADATA_BYTES) return undefined;
    const metadata = JSON.parse(readFileSync(fd, 'utf8')) as { created_at?: unknown };
    return typeof metadata?.created_at === 'string' ? isoTime(Date.parse(metadata.created_at)) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function newestFileTime(submission: Submission): string | undefined {
  let newest: number | undefined;
  for (const file of Object.values(submission.files)) {
    if (file.sha256 === undefined) continue;
    try {
      const stats = lstatSync(join(submission.root, ...file.displayPath.split('/').slice(1)));
      if (stats.isFile()) newest = Math.max(newest ?? -Infinity, stats.mtimeMs);
    } catch {
      // Gone since it was read: the other files still say when the work was handed in.
    }
  }
  return newest === undefined ? undefined : isoTime(newest);
}

function isoTime(milliseconds: number): string | undefined {
  return Number.isFinite(milliseconds) && Math.abs(milliseconds) <= 8.64e15
    ? new Date(milliseconds).toISOString()
    : undefined;
}
