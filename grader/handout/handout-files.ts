import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { stringify } from 'yaml';
import { KIT_ROOT } from '../data/paths';
import { KitError } from '../shipped/errors';
import type { KitSummary } from '../shipped/student/manifest';
import { HANDOUT_LAYOUT } from '../shipped/student/layout';
import { HANDOUT_TSCONFIG } from '../shipped/student/type-check';
import { KIT_PACKAGES } from './kit-modules';
import type { sampleRun, typeErrorSample } from './readme-sample';

/** The handout's packages: vitest runs the checks; the kit's modules need the rest. Pinned to the versions the kit itself locks. */
export const HANDOUT_PACKAGES = ['vitest', ...KIT_PACKAGES] as const;

const NODE_MAJOR = 20;

function kitPackageJson(): { name: string; version: string; license?: string } {
  return JSON.parse(readFileSync(join(KIT_ROOT, 'package.json'), 'utf8'));
}

function lockedPackage(name: string): { version: string; engines?: { node?: string } } {
  const lock = JSON.parse(readFileSync(join(KIT_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } }>;
  };
  const locked = lock.packages[`node_modules/${name}`];
  if (!locked?.version)
    throw new KitError(
      'handout-dependency',
      `grader: the kit's package-lock.json has no ${name}: run npm install in the kit first`,
    );
  return { version: locked.version, engines: locked.engines };
}

/** The exact version of a package in the kit's own lockfile. */
function lockedVersion(name: string): string {
  return lockedPackage(name).version;
}

/** The Node.js versions the handout runs on: those of vite, which vitest runs on (vite 8 and its rolldown need 20.19 or 22.12). */
export function nodeRange(): string {
  return lockedPackage('vite').engines?.node ?? `>=${NODE_MAJOR}`;
}

export function packageJson(exerciseIds: readonly string[]): string {
  const kit = kitPackageJson();
  const scripts: Record<string, string> = {
    test: 'vitest run',
    watch: 'vitest',
    check: `node ${HANDOUT_LAYOUT.kit}/check.js`,
    typecheck: 'tsc --noEmit -p .',
  };
  for (const id of exerciseIds) scripts[`test:${id}`] = `vitest run ${id}`;
  const pkg = {
    name: 'gradient-descent-exercises',
    version: kit.version,
    private: true,
    description: `Gradient descent, one function at a time: ${exerciseIds.length} TypeScript exercises and their public checks.`,
    license: kit.license ?? 'MIT',
    engines: { node: nodeRange() },
    scripts,
    devDependencies: Object.fromEntries(HANDOUT_PACKAGES.map((name) => [name, lockedVersion(name)])),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function vitestConfig(): string {
  return `import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// The kit's reporter prints the grader's own summary; \`npm test -- --reporter=default\` shows vitest's listing instead.
const { StudentReporter } = createRequire(import.meta.url)('./${HANDOUT_LAYOUT.kit}/reporter.js');

export default defineConfig({
  test: {
    include: ['exercises/**/*.test.ts'],
    // Your code runs in fresh vm realms for every exercise; the kit itself is loaded once per worker.
    pool: 'threads',
    isolate: false,
    testTimeout: 60_000,
    reporters: [new StudentReporter()],
    // TypeScript checks your exercise files first: an exercise whose file has a type error is not checked until it type-checks.
    globalSetup: ['./${HANDOUT_LAYOUT.kit}/type-check.mjs'],
    // The kit reads your exercise files itself, so vitest's watch mode must be told to rerun when one changes.
    forceRerunTriggers: ['**/package.json/**', '**/vitest.config.*/**', '**/exercises/*/*.ts'],
  },
});
`;
}

/** The handout's tsconfig.json: the settings of its type check (`HANDOUT_TSCONFIG`, grader/shipped/student/type-check.ts). */
export function tsconfig(): string {
  return `${JSON.stringify(HANDOUT_TSCONFIG, null, 2)}\n`;
}

export const GITIGNORE = 'node_modules/\nfeedback/\n';

export const DATA_README = `# data

\`data.csv\`: 100 rows of (hours studied, test score), from Matt Nedrich's GradientDescentExample
(https://github.com/mattnedrich/GradientDescentExample), MIT License, Copyright (c) 2015 Matt Nedrich.
`;

/** What the README shows of real runs, made at build time (grader/handout/readme-sample.ts). */
export interface ReadmeSamples {
  /** The handout folder's name, which the summary's first line prints. */
  readonly folder: string;
  readonly run: Awaited<ReturnType<typeof sampleRun>>;
  readonly typo: ReturnType<typeof typeErrorSample>;
}

/** The student README, with the kit's real numbers and real output. */
export function studentReadme(summary: KitSummary, samples: ReadmeSamples): string {
  const template = Handlebars.compile(readFileSync(join(__dirname, 'templates', 'README.md.hbs'), 'utf8'), {
    noEscape: true,
    strict: true,
  });
  const total = (key: 'publicChecks' | 'publicPoints' | 'hiddenChecks' | 'hiddenPoints') =>
    summary.exercises.reduce((s, e) => s + e[key], 0);
  const { mistake, done } = samples.run.work;
  const finished = done.filter((id) => id !== mistake?.exercise);
  const story = [
    finished.length ? `${listed(finished)} done` : '',
    mistake ? `${mistake.exercise} with a mistake the kit knows (${mistake.name})` : '',
    'the rest still the stubs',
  ].filter(Boolean);
  return template({
    nodeVersion: /\d+\.\d+/.exec(nodeRange())?.[0] ?? String(NODE_MAJOR),
    seed: summary.seed,
    sampleFolder: samples.folder,
    sampleStory: `with ${listed(story)}`,
    sampleRun: samples.run.text,
    exampleCheck: samples.run.whereToLook ?? '<id>',
    typeErrorSample: samples.typo ?? null,
    exercises: summary.exercises,
    publicChecks: total('publicChecks'),
    publicPoints: total('publicPoints'),
    hiddenChecks: total('hiddenChecks'),
    hiddenPoints: total('hiddenPoints'),
  });
}

/** "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The Node.js major the handout's workflow runs on: 24, the maintained LTS (the kit runs on 20, 22 and 24). */
export const WORKFLOW_NODE_MAJOR = 24;

/**
 * A plain GitHub Actions workflow for any repository that holds the handout: on every push it
 * installs the locked dependencies and runs the public checks once, with `npm test`, which writes
 * its Markdown summary to the job summary (`GITHUB_STEP_SUMMARY`). It uses no classroom service's
 * actions; the hidden checks run only in the instructor's grader.
 */
export function checksWorkflow(): string {
  const workflow = {
    name: 'Public checks',
    on: ['push', 'workflow_dispatch'],
    permissions: { contents: 'read' },
    jobs: {
      'public-checks': {
        'runs-on': 'ubuntu-latest',
        steps: [
          { name: 'Check out the code', uses: 'actions/checkout@v7' },
          {
            name: `Set up Node.js ${WORKFLOW_NODE_MAJOR}`,
            uses: 'actions/setup-node@v7',
            with: { 'node-version': WORKFLOW_NODE_MAJOR, cache: 'npm' },
          },
          { name: 'Install the locked dependencies', run: 'npm ci' },
          { name: 'Run the public checks', run: 'npm test' },
        ],
      },
    },
  };
  return `# The public checks, run once on every push; npm test writes their summary to the job summary.\n${stringify(workflow, { lineWidth: 0 })}`;
}
