/**
 * The public checks of 07-feature-scaling, run on your own 07-feature-scaling/feature-scaling.ts by `npm test`. Leave this file as it is:
 * the checks live in exercises/_kit, and changing them changes nothing when your work is graded.
 */
import { checkExercise } from '../_kit';

checkExercise('07-feature-scaling');
