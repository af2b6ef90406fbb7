import { join } from 'node:path';

/** The kit's root folder, wherever it is installed. */
export const KIT_ROOT = join(__dirname, '..', '..');

/** The seeds' dataset (Matt Nedrich's GradientDescentExample, MIT): 100 rows of hours studied, test score. */
export const SEED_DATA_CSV = join(KIT_ROOT, 'data', 'data.csv');

export const SOLUTIONS_DIR = join(KIT_ROOT, 'solutions');
export const EXERCISES_DIR = join(KIT_ROOT, 'exercises');
export const SAMPLE_CLASS_DIR = join(KIT_ROOT, 'examples', 'sample-class');
export const DEFAULT_REPORTS_DIR = join(KIT_ROOT, 'reports');

/** One folder per exercise with all of its grader material: `<id>/public-checks.ts` ships, `<id>/grading/` never does. */
export const EXERCISES_GRADER_DIR = join(KIT_ROOT, 'grader', 'shipped', 'exercises');
