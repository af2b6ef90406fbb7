import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a whole file or nothing: a reader sees the old file or the whole new one. The content
 * goes to a temp file beside the target (same file system), which is then renamed over it.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  ensureDirectory(dirname(path));
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * mkdir -p, one level at a time. (Node's recursive mkdir spins forever on a path it can never
 * create, such as one under /proc; this fails at once with the first level that cannot be made.)
 */
export function ensureDirectory(path: string): void {
  if (existsSync(path)) {
    if (!statSync(path).isDirectory())
      throw Object.assign(new Error(`${path} is a file, not a folder`), { code: 'ENOTDIR' });
    return;
  }
  const parent = dirname(path);
  if (parent !== path) ensureDirectory(parent);
  mkdirSync(path);
}
