/**
 * The exercise tests' entry, as the kit's repository has it: the tests only type-check here. They
 * run in a built handout (`npm run handout -- --out <dir>`), whose exercises/_kit holds the runner
 * (grader/shipped/student) and the public checks' data computed from the reference.
 */
export function checkExercise(exercise: string): void {
  throw new Error(`grader: the public checks of ${exercise} run in a built handout (npm run handout -- --out <dir>), not in the kit's repository`);
}
