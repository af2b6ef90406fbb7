/**
 * The sandbox: the door through which the grader runs student code, one child process per
 * submission inside every isolation layer this machine offers. See README.md.
 *
 * ```ts
 * const pool = new SandboxPool();
 * const reference = readSubmission('solutions');
 * await pool.run(readSubmission('submissions/alice'), reference, async (port) => {
 *   const modules = await port.modules();
 *   const outcomes = await port.callMany([{ exercise: '01-cost', fn: 'computeCost', args: [points, line] }]);
 * });
 * await pool.close();
 * ```
 */
export { SandboxPool } from './sandbox-pool';
export { SandboxPort, type SandboxDiagnostics } from './sandbox-port';
export { resolveSandboxOptions, type ResolvedSandboxOptions, type SandboxOptions } from './sandbox-options';
export { liveSandboxChildren } from './_internal/live-children';
export type { ChildStop } from './_internal/sandbox-child';
