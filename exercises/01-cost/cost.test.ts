/**
 * The public checks of 01-cost, run on your own 01-cost/cost.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('01-cost');
