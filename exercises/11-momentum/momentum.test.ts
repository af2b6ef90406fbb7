/**
 * The public checks of 11-momentum, run on your own 11-momentum/momentum.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('11-momentum');
