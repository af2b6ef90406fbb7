/**
 * The public checks of 09-normal-equation, run on your own 09-normal-equation/normal-equation.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('09-normal-equation');
