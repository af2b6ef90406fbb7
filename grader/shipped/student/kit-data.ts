import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KitError } from '../errors';
import type { ExerciseId } from '../contract/exercises';
import type { PendingHidden } from '../report/status';
import { decodeManifest, MANIFEST_FORMAT, type ExerciseManifest, type KitSummary } from './manifest';

const cache = new Map<string, unknown>();

function read<T extends { readonly format: number }>(path: string): T {
  let data = cache.get(path) as T | undefined;
  if (!data) {
    try {
      data = decodeManifest<T>(readFileSync(path, 'utf8'));
    } catch (cause) {
      throw new KitError(
        'kit-damaged',
        `grader: cannot read ${path}: the handout's kit is incomplete; restore the exercises/_kit folder from the handout`,
        { cause },
      );
    }
    if (data.format !== MANIFEST_FORMAT)
      throw new KitError(
        'kit-damaged',
        `grader: ${path} has format ${data.format}, this kit reads format ${MANIFEST_FORMAT}: restore exercises/_kit from the handout`,
      );
    cache.set(path, data);
  }
  return data;
}

/** An exercise's public data, read once per process. */
export function loadManifest(manifestDir: string, exercise: ExerciseId): ExerciseManifest {
  return read<ExerciseManifest>(join(manifestDir, `${exercise}.json`));
}

/** What the whole kit holds: the public and hidden checks of every exercise. */
export function loadKitSummary(manifestDir: string): KitSummary {
  return read<KitSummary>(join(manifestDir, 'kit.json'));
}

/** The hidden checks of every exercise, from the kit's data: what a run of the public checks leaves pending. */
export function pendingHiddenOf(summary: KitSummary): PendingHidden {
  return {
    exercises: summary.exercises.map((e) => ({
      exercise: e.exercise,
      hiddenChecks: e.hiddenChecks,
      hiddenPoints: e.hiddenPoints,
    })),
  };
}
