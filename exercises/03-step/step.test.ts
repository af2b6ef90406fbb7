/**
 * The public checks of 03-step, run on your own 03-step/step.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('03-step');
