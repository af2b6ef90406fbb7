/**
 * The public checks of 06-learning-rate, run on your own 06-learning-rate/learning-rate.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('06-learning-rate');
