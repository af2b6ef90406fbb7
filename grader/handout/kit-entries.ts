import { REALM_GLOBALS } from '../shipped/student/type-check';

/**
 * The kit's own small entry files beside its modules, each handing one module to what runs it:
 * vitest's global setup (the type check) and `npm run check`; and the declaration of the realm's
 * globals for the type check.
 */
export function kitEntryFiles(): [string, string][] {
  return [
    [REALM_GLOBALS.path, REALM_GLOBALS.text],
    [
      'type-check.mjs',
      `// The type check before the public checks (grader/shipped/student/type-check.ts), as vitest's global setup.
import { createRequire } from 'node:module';

export default createRequire(import.meta.url)('./grader/shipped/student/type-check.js').typeCheckSetup;
`,
    ],
    [
      'check.js',
      `"use strict";
// \`npm run check\`: one public check on your own files, in full (grader/shipped/student/check-command.ts).
require('./grader/shipped/student/check-command.js').main();
`,
    ],
  ];
}
