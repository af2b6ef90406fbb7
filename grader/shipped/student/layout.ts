import { basename, join, resolve } from 'node:path';

/**
 * Where things are in a built handout. The kit's modules keep the repository's paths under the kit
 * folder (`exercises/_kit/grader/shipped/student/…`), so the kit finds its own folder from any of them.
 */
export const HANDOUT_LAYOUT = {
  /** The kit, relative to the handout's root. */
  kit: 'exercises/_kit',
  /** One JSON file per exercise, and kit.json, relative to the kit. */
  manifests: 'public',
  /** The HTML feedback page `npm test` writes, relative to the handout's root. */
  feedbackPage: 'feedback/report.html',
} as const;

export interface KitPaths {
  readonly root: string;
  readonly kit: string;
  readonly manifests: string;
  readonly feedbackPage: string;
  /** How the student's work is named in the output: the handout folder's name. */
  readonly studentId: string;
}

/** The paths of the handout this kit module was built into (the kit's modules live three folders below the kit). */
export function kitPaths(moduleDir: string = __dirname): KitPaths {
  const kit = resolve(moduleDir, '..', '..', '..');
  const root = resolve(kit, ...HANDOUT_LAYOUT.kit.split('/').map(() => '..'));
  return {
    root,
    kit,
    manifests: join(kit, HANDOUT_LAYOUT.manifests),
    feedbackPage: join(root, HANDOUT_LAYOUT.feedbackPage),
    studentId: basename(root),
  };
}
