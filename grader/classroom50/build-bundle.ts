import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { kitDefaultAssignment } from '../assignment/read-assignment';
import { KIT_ROOT } from '../data/paths';
import { assignmentJson, AUTOGRADER_SOURCES, autograderFiles, GRADED_ASSIGNMENT_FILE } from '../gradescope/build-zip';
import type { Assignment } from '../shipped/contract/assignment';
import { KitError } from '../shipped/errors';

/** Where the bundle keeps the kit, beside autograder.py: what `autograderFiles` selects for Gradescope too. */
export const BUNDLE_KIT = 'kit';

/** The files Classroom 50 needs at the bundle's root, from this folder. */
export const BUNDLE_ENTRY_POINTS = ['autograder.py', 'Dockerfile'] as const;

/** The image's name when --image is not given: a stand-in to replace with the instructor's own registry and organisation. */
export const DEFAULT_IMAGE = 'ghcr.io/your-org/gradient-descent-kit-grader';

/**
 * Classroom 50's runner refuses a bundle larger than this once packed (runner.py's MAX_FETCH_BYTES,
 * 10 MB, for the `<slug>.tar.gz` its publish-pages workflow makes of the folder).
 */
export const CLASSROOM50_BUNDLE_LIMIT = 10 * 1024 * 1024;

export interface BuildBundleOptions {
  readonly out: string;
  readonly force?: boolean;
  /** The assignment the bundle grades (default: the kit's default, `assignments/seeds.json`). */
  readonly assignment?: Assignment;
  /** The image's name, without a tag (default `DEFAULT_IMAGE`); the tag is the lockfile's hash. */
  readonly image?: string;
}

export interface BundleSummary {
  readonly out: string;
  readonly files: number;
  /** An estimate of the folder's size as Classroom 50 packs it (gzip, with tar's headers). */
  readonly packedBytes: number;
  /** The image runtime.json names, with its tag. */
  readonly image: string;
}

/** The image's tag: the first 12 hex digits of the SHA-256 of the lockfile it installs, so an image goes with one lockfile. */
export function imageTag(lockfile: string | Uint8Array): string {
  return createHash('sha256').update(lockfile).digest('hex').slice(0, 12);
}

/**
 * Builds the folder an instructor puts at `<classroom>/autograders/<slug>/` in Classroom 50's
 * configuration repository: `autograder.py` (the entry point, Python's standard library only),
 * the kit's sources under `kit/` (the Gradescope zip's selection, `autograderFiles`, and the
 * assignment graded), `runtime.json` (the runtime block naming the image to grade in), the
 * `Dockerfile` of that image (Node.js 24 and the grader's locked dependencies; its build context is
 * `kit/`) and a README. Built in a sibling folder and renamed into place.
 */
export function buildClassroom50Bundle(options: BuildBundleOptions): BundleSummary {
  const out = resolve(options.out);
  checkOutput(out, options.force ?? false);
  const image = `${imageName(options.image ?? DEFAULT_IMAGE)}:${imageTag(readFileSync(join(KIT_ROOT, 'package-lock.json')))}`;
  const kitFiles = autograderFiles();
  mkdirSync(dirname(out), { recursive: true });
  const staging = mkdtempSync(join(dirname(out), `.${basename(out)}.building-`));
  try {
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), text);
    };
    for (const file of kitFiles) {
      mkdirSync(dirname(join(staging, BUNDLE_KIT, file)), { recursive: true });
      copyFileSync(join(KIT_ROOT, file), join(staging, BUNDLE_KIT, file));
    }
    write(`${BUNDLE_KIT}/${GRADED_ASSIGNMENT_FILE}`, assignmentJson(options.assignment ?? kitDefaultAssignment()));
    for (const file of BUNDLE_ENTRY_POINTS) copyFileSync(join(__dirname, file), join(staging, file));
    chmodSync(join(staging, 'autograder.py'), 0o755);
    write('runtime.json', `${JSON.stringify({ container: { image } }, null, 2)}\n`);
    write('README.md', bundleReadme(image));
    const packedBytes = packedSize(staging);
    if (packedBytes > CLASSROOM50_BUNDLE_LIMIT)
      throw new KitError(
        'output-unwritable',
        `the bundle would pack to about ${(packedBytes / 2 ** 20).toFixed(1)} MiB, over the 10 MiB Classroom 50 fetches: leave large files out of ${AUTOGRADER_SOURCES.join(', ')}`,
      );
    chmodSync(staging, 0o777 & ~process.umask());
    if (existsSync(out)) rmSync(out, { recursive: true, force: true });
    renameSync(staging, out);
    return { out, files: countFiles(out), packedBytes, image };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** An image name as Docker takes it: lower case, no tag or digest (the tag is the lockfile's). */
function imageName(name: string): string {
  if (!/^[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(name))
    throw new KitError(
      'usage',
      `--image ${name} is not an image name: give it without a tag, in lower case, for example --image ghcr.io/<your-org>/gradient-descent-kit-grader`,
    );
  return name;
}

function checkOutput(out: string, force: boolean): void {
  const within = (parent: string, child: string) => child === parent || child.startsWith(parent + sep);
  if (within(out, KIT_ROOT) || out === homedir() || AUTOGRADER_SOURCES.some((s) => within(join(KIT_ROOT, s), out)))
    throw new KitError(
      'output-unwritable',
      `--out ${out} is the kit, contains it, is inside a folder the bundle copies (${AUTOGRADER_SOURCES.join(', ')}) or is your home folder: choose a new folder, for example --out ../classroom50-bundle`,
    );
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory())
    throw new KitError('output-unwritable', `--out ${out} is a file, not a folder: choose a new or empty folder`);
  if (readdirSync(out).length && !force)
    throw new KitError(
      'output-exists',
      `--out ${out} exists and is not empty: choose a new or empty folder, or pass --force to replace everything in it`,
    );
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function countFiles(folder: string): number {
  return filesUnder(folder).length;
}

/** About what `tar -czf` makes of the folder: each file gzipped, plus tar's 512-byte header. */
function packedSize(folder: string): number {
  return filesUnder(folder).reduce((sum, file) => sum + 512 + gzipSync(readFileSync(file)).length, 0);
}

function bundleReadme(image: string): string {
  return `# Classroom 50 autograder: gradient descent kit

Built by \`npm run classroom50\`; the kit's grader/classroom50/README.md says more.

1. Build and push the image the assignment is graded in (Node.js 24 and the grader's locked
   dependencies), and make it public:

   \`\`\`sh
   docker build -t ${image} -f Dockerfile kit
   docker push ${image}
   \`\`\`

2. Put this folder at \`<classroom>/autograders/<assignment>/\` in your organisation's
   \`classroom50\` repository and push.
3. Give the assignment the runtime block of \`runtime.json\`:
   \`gh teacher assignment add <org> <classroom> <assignment> … --runtime runtime.json\`.

\`autograder.py\` installs nothing: it checks that the image's dependencies were installed from
\`kit/package-lock.json\`, runs the kit's sandboxed grader on the student's checkout, and leaves
\`result.json\` and \`release-body.md\` there.
`;
}
