/**
 * The public checks of 02-gradient, run on your own 02-gradient/gradient.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('02-gradient');
