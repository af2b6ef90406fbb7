import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { KIT_ROOT } from '../data/paths';
import { KitError } from '../shipped/errors';

/**
 * The handout's package-lock.json, derived from the kit's own: npm, given the kit's lockfile and the
 * handout's package.json, keeps every locked version that is still needed and drops the rest. It
 * needs no network (the lockfile has every version and integrity); without one it falls back to
 * npm's usual resolution.
 */
export function writeLockfile(folder: string): 'derived offline' | 'resolved online' {
  copyFileSync(join(KIT_ROOT, 'package-lock.json'), join(folder, 'package-lock.json'));
  const args = ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
  const offline = spawnSync('npm', [...args, '--offline'], { cwd: folder, encoding: 'utf8' });
  if (offline.status === 0 && existsSync(join(folder, 'package-lock.json'))) return 'derived offline';
  const online = spawnSync('npm', args, { cwd: folder, encoding: 'utf8' });
  if (online.status === 0) return 'resolved online';
  throw new KitError(
    'handout-lockfile',
    `grader: npm could not write the handout's package-lock.json in ${folder} (${(online.stderr || online.error?.message || '').trim().split('\n').slice(-3).join(' ')}): check that npm works here, then build again`,
  );
}
