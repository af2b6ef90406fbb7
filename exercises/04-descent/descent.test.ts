/**
 * The public checks of 04-descent, run on your own 04-descent/descent.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('04-descent');
