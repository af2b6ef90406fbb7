/**
 * The public checks of 10-mini-batch, run on your own 10-mini-batch/mini-batch.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('10-mini-batch');
