/**
 * The public checks of 08-multivariate, run on your own 08-multivariate/multivariate.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('08-multivariate');
