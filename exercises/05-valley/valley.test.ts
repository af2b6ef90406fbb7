/**
 * The public checks of 05-valley, run on your own 05-valley/valley.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('05-valley');
