import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KIT_ROOT } from './data/paths';

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const folder of ['grader/shipped/checks', 'grader/shipped/exercises', 'grader/reference', 'solutions']) {
    const dir = join(KIT_ROOT, folder);
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? e.path, e.name))
      .sort()) {
      hash.update(entry.slice(KIT_ROOT.length)).update(readFileSync(entry));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

const { version } = JSON.parse(readFileSync(join(KIT_ROOT, 'package.json'), 'utf8')) as { version: string };

/** The package version and a fingerprint of the checks and references: a change to either changes every grade's key. */
export const GRADER_VERSION = `${version}+${fingerprint()}`;
