/**
 * The kit's dependency rule, checked by `npm test` (`npm run lint:dependencies`):
 * 1. No file imports itself back through others, type-only imports included.
 * 2. What ships to students (grader/shipped/, outside any exercise's grading/) imports nothing
 *    outside it but the contract's types: the handout build refuses the same at build time.
 * 3. Imports go one way between the grader's folders: each folder of LAYERS may import only the
 *    folders listed before it, so no two folders can import each other, directly or around a ring.
 */

/** The grader's folders, lowest first. A folder imports only folders above it in this list. */
const LAYERS = [
  ['shipped (root files)', '^grader/shipped/[^/]+$'],
  ['shipped/contract', '^grader/shipped/contract/'],
  ['shipped/wire', '^grader/shipped/wire/'],
  ['shipped/output', '^grader/shipped/output/'],
  ['shipped/submission', '^grader/shipped/submission/'],
  ['shipped/door', '^grader/shipped/door/'],
  ['shipped/results', '^grader/shipped/results/'],
  ['shipped/checks', '^grader/shipped/checks/'],
  ['shipped/exercises (public checks)', '^grader/shipped/exercises/(?![^/]+/grading/)'],
  ['shipped/report', '^grader/shipped/report/'],
  ['shipped/student', '^grader/shipped/student/'],
  ['data', '^grader/data/'],
  ['assignment', '^grader/assignment/'],
  ['reference', '^grader/reference/'],
  ['probes', '^grader/probes/'],
  ['mistake-space', '^grader/mistake-space/'],
  ['shipped/exercises/*/grading', '^grader/shipped/exercises/[^/]+/grading/'],
  ['grading', '^grader/grading/'],
  ['grader (root files)', '^grader/[^/]+$'],
  ['diagnosis', '^grader/diagnosis/'],
  ['engine', '^grader/engine/'],
  ['sandbox', '^grader/sandbox/'],
  ['output', '^grader/output/'],
  ['report', '^grader/report/'],
  ['gradescope', '^grader/gradescope/'],
  ['classroom50', '^grader/classroom50/'],
  ['batch', '^grader/batch/'],
  ['handout', '^grader/handout/'],
  ['train', '^grader/train/'],
  ['cli', '^grader/cli/'],
];

const SHIPPED = '^grader/shipped/(?![^/]+/[^/]+/grading/)';
const GRADING_ONLY = '^grader/shipped/exercises/[^/]+/grading/';

const oneWay = LAYERS.slice(0, -1).map(([name, path], index) => ({
  name: `one-way: ${name}`,
  comment: `${name} may import only the folders listed before it in LAYERS (.dependency-cruiser.cjs); move the shared code down, or the importing code up.`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(index + 1).map(([, above]) => above) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A file that imports itself back through others, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shipped-imports-only-shipped',
      comment: 'Code that ships to students imports only grader/shipped/ (outside grading/) and the contract types.',
      severity: 'error',
      from: { path: SHIPPED, pathNot: GRADING_ONLY },
      to: {
        path: '^(grader|solutions|exercises|tests|bench|scripts|examples|data)/',
        pathNot: [`${SHIPPED}`, '^exercises/types\\.ts$'],
      },
    },
    {
      name: 'shipped-imports-no-grading',
      comment: "Code that ships to students never imports an exercise's grader-only material.",
      severity: 'error',
      from: { path: SHIPPED, pathNot: GRADING_ONLY },
      to: { path: GRADING_ONLY },
    },
    ...oneWay,
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^tests/fixtures/', '^examples/'] },
  },
};
