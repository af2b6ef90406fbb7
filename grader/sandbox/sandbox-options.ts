import { availableParallelism } from 'node:os';
import { DEFAULT_DOOR_LIMITS, type DoorLimits } from '../shipped/door/limits';
import { MAX_ANSWER_CHARS } from '../shipped/door/answers';

/** How the sandbox runs submissions. Every field is optional; `resolveSandboxOptions` fills in the defaults below. */
export interface SandboxOptions {
  /** Per-call and per-import vm timeouts inside the child. */
  readonly limits?: Partial<DoorLimits>;
  /** Wall time one submission may use in all, from its first request; past it the child is killed and nothing more runs. */
  readonly submissionDeadlineMs?: number;
  /** Added to the sum of the per-call timeouts of a batch to make the batch's deadline. */
  readonly batchSlackMs?: number;
  /** How much longer than its own timeout one request may go without an answer before the child is killed (a hang the vm timeout cannot break). */
  readonly stallSlackMs?: number;
  /** How long a child may take to start and say it is ready. */
  readonly startupTimeoutMs?: number;
  /** Child restarts (after crashes, kills and stalls) one submission may cause; after them its remaining calls fail without running. */
  readonly maxRestarts?: number;
  /** V8 old-space cap of a child (`--max-old-space-size`). */
  readonly heapMb?: number;
  /** V8 stack size of a child (`--stack-size`), well under the 8 MiB OS stack it gets. */
  readonly stackKb?: number;
  /**
   * Address-space limit of a child (prlimit --as), which bounds ArrayBuffers, unlike the heap cap. By default it is
   * measured for the Node that runs the children: what that Node maps at start-up with the child's flags, plus
   * `addressSpaceHeadroomBytes`. Give a number to set it outright.
   */
  readonly addressSpaceBytes?: number;
  /**
   * What a child may map beyond its start-up when the address-space limit is measured. The default,
   * `defaultAddressSpaceHeadroomBytes(heapMb)`, lets the heap grow to its cap (so the heap cap is what stops a
   * heap that grows without end) and stops ArrayBuffers about a gigabyte later.
   */
  readonly addressSpaceHeadroomBytes?: number;
  /** CPU-time limit of one child (prlimit --cpu). */
  readonly cpuSeconds?: number;
  /** Processes and threads the child's user may have (prlimit --nproc); Node itself needs about a dozen. */
  readonly maxProcesses?: number;
  /** Open files of a child (prlimit --nofile). */
  readonly maxOpenFiles?: number;
  /** Bytes of stdout and of stderr kept per child; the rest is counted and dropped. */
  readonly maxOutputBytes?: number;
  /** Longest answer text a child may send for one call; longer ones are refused as wrong-type, as in-process. */
  readonly maxAnswerChars?: number;
  /** Sum of the answer texts of one batch. */
  readonly maxBatchAnswerChars?: number;
  /** Children the pool keeps started and waiting, so that the next submission does not wait for one. */
  readonly warmChildren?: number;
  /** Ports `SandboxPool.run` keeps open at once: one per core by default. */
  readonly maxActivePorts?: number;
  /** The uids children run as (setpriv): `count` consecutive ids from `first`, a different one for each live child. */
  readonly userIds?: { readonly first: number; readonly count: number };
  /** OS layers to try; each is used only where its probe succeeds. */
  readonly layers?: { readonly network?: boolean; readonly user?: boolean; readonly limits?: boolean };
  /** For the kit's own tests only: JavaScript run in the child before the runner, to play an escaped submission. */
  readonly testing?: { readonly runnerPreamble?: string };
}

export interface ResolvedSandboxOptions {
  readonly limits: DoorLimits;
  readonly submissionDeadlineMs: number;
  readonly batchSlackMs: number;
  readonly stallSlackMs: number;
  readonly startupTimeoutMs: number;
  readonly maxRestarts: number;
  readonly heapMb: number;
  readonly stackKb: number;
  /** Set outright, or undefined to measure it (see `SandboxOptions.addressSpaceBytes`). */
  readonly addressSpaceBytes: number | undefined;
  readonly addressSpaceHeadroomBytes: number;
  readonly cpuSeconds: number;
  readonly maxProcesses: number;
  readonly maxOpenFiles: number;
  readonly maxOutputBytes: number;
  readonly maxAnswerChars: number;
  readonly maxBatchAnswerChars: number;
  readonly warmChildren: number;
  readonly maxActivePorts: number;
  readonly userIds: { readonly first: number; readonly count: number };
  readonly layers: { readonly network: boolean; readonly user: boolean; readonly limits: boolean };
  readonly testing: { readonly runnerPreamble: string };
}

export const DEFAULT_SUBMISSION_DEADLINE_MS = 120_000;
export const DEFAULT_BATCH_SLACK_MS = 2_000;
export const DEFAULT_STALL_SLACK_MS = 1_500;
export const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESTARTS = 20;
export const DEFAULT_HEAP_MB = 256;
export const DEFAULT_STACK_KB = 2048;
export const DEFAULT_MAX_PROCESSES = 32;
export const DEFAULT_MAX_OPEN_FILES = 64;
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
export const DEFAULT_MAX_BATCH_ANSWER_CHARS = 64 * 1024 * 1024;
export const DEFAULT_WARM_CHILDREN = 1;
const MIB = 1024 * 1024;

/**
 * Twice the heap cap plus 768 MiB (1 280 MiB for the default 256 MiB cap). Measured on Node 20.20, 22.23 and
 * 24.21 with heap caps from 64 to 512 MiB, a child whose heap grows until V8 stops it (an array pushed to, arrays
 * of numbers, objects, strings, a Map) maps at most twice its cap plus 540 MiB beyond its start-up: V8 reserves
 * new pages before it frees old ones, and each of Node's threads gets its own 64 MiB malloc arena. Grading the
 * sample class maps at most 400 MiB beyond it. See grader/sandbox/README.md.
 */
export function defaultAddressSpaceHeadroomBytes(heapMb: number): number {
  return (2 * heapMb + 768) * MIB;
}

/** Unassigned ids far above any distribution's users and the usual container sub-uid ranges. */
export const DEFAULT_USER_IDS = { first: 1_500_000_000, count: 1 << 20 } as const;

export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const submissionDeadlineMs = options.submissionDeadlineMs ?? DEFAULT_SUBMISSION_DEADLINE_MS;
  const heapMb = options.heapMb ?? DEFAULT_HEAP_MB;
  return {
    limits: { ...DEFAULT_DOOR_LIMITS, ...options.limits },
    submissionDeadlineMs,
    batchSlackMs: options.batchSlackMs ?? DEFAULT_BATCH_SLACK_MS,
    stallSlackMs: options.stallSlackMs ?? DEFAULT_STALL_SLACK_MS,
    startupTimeoutMs: options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
    maxRestarts: options.maxRestarts ?? DEFAULT_MAX_RESTARTS,
    heapMb,
    stackKb: options.stackKb ?? DEFAULT_STACK_KB,
    addressSpaceBytes: options.addressSpaceBytes,
    addressSpaceHeadroomBytes: options.addressSpaceHeadroomBytes ?? defaultAddressSpaceHeadroomBytes(heapMb),
    cpuSeconds: options.cpuSeconds ?? Math.ceil(submissionDeadlineMs / 1000) + 5,
    maxProcesses: options.maxProcesses ?? DEFAULT_MAX_PROCESSES,
    maxOpenFiles: options.maxOpenFiles ?? DEFAULT_MAX_OPEN_FILES,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    maxAnswerChars: options.maxAnswerChars ?? MAX_ANSWER_CHARS,
    maxBatchAnswerChars: options.maxBatchAnswerChars ?? DEFAULT_MAX_BATCH_ANSWER_CHARS,
    warmChildren: options.warmChildren ?? DEFAULT_WARM_CHILDREN,
    maxActivePorts: options.maxActivePorts ?? availableParallelism(),
    userIds: options.userIds ?? DEFAULT_USER_IDS,
    layers: { network: true, user: true, limits: true, ...options.layers },
    testing: { runnerPreamble: options.testing?.runnerPreamble ?? '' },
  };
}
