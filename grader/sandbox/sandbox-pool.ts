import type { IsolationLayer } from '../shipped/door/port';
import { KitError } from '../shipped/errors';
import type { Submission } from '../shipped/submission/read-submission';
import {
  isolationLayers,
  nodeFlags,
  probeIsolation,
  wrapCommand,
  type IsolationProbe,
} from './_internal/isolation-layers';
import { runnerFiles, type RunnerFiles } from './_internal/runner-bundle';
import { SandboxChild } from './_internal/sandbox-child';
import { resolveSandboxOptions, type ResolvedSandboxOptions, type SandboxOptions } from './sandbox-options';
import { SandboxPort, type SandboxHost } from './sandbox-port';

const uidsInUse = new Set<number>();

/**
 * Starts and hands out sandbox children for many submissions: a port per submission, a fresh
 * child per port, and `warmChildren` more already started so that the next port does not wait.
 * `run` grades with at most `maxActivePorts` ports open at once (one per core by default).
 * Closing the pool, or the grader exiting, kills every child it started.
 */
export class SandboxPool implements SandboxHost {
  readonly options: ResolvedSandboxOptions;
  readonly isolation: readonly IsolationLayer[];
  /** The one file every child runs, and the only one it may read. */
  readonly runnerPath: string;
  private readonly files: RunnerFiles;
  private readonly probe: IsolationProbe;
  private readonly warm: SandboxChild[] = [];
  private readonly children = new Set<SandboxChild>();
  private readonly ports = new Set<SandboxPort>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private closed = false;

  constructor(options: SandboxOptions = {}) {
    this.options = resolveSandboxOptions(options);
    this.probe = probeIsolation(this.options);
    this.isolation = isolationLayers(this.probe, this.options);
    this.files = runnerFiles(this.options.testing.runnerPreamble);
    this.runnerPath = this.files.runnerPath;
  }

  /** A port for one submission; close it when done (or use `run`). */
  open(submission: Submission, reference: Submission): SandboxPort {
    if (this.closed)
      throw new KitError(
        'sandbox-closed',
        'grader: the sandbox pool is closed; create a new SandboxPool to grade more submissions.',
      );
    const port = new SandboxPort(submission, reference, this);
    this.ports.add(port);
    return port;
  }

  /** Opens a port when one of the `maxActivePorts` slots is free, runs `work` on it, and closes it whatever happens. */
  async run<T>(submission: Submission, reference: Submission, work: (port: SandboxPort) => Promise<T>): Promise<T> {
    await this.acquireSlot();
    try {
      const port = this.open(submission, reference);
      try {
        return await work(port);
      } finally {
        await port.close();
      }
    } finally {
      this.releaseSlot();
    }
  }

  takeChild(): SandboxChild {
    if (this.closed)
      throw new KitError('sandbox-closed', 'grader: the sandbox pool was closed while a port still needed a child.');
    let child: SandboxChild | undefined;
    while ((child = this.warm.shift()) && !child.usable);
    child ??= this.spawn();
    this.topUp();
    return child;
  }

  portClosed(port: SandboxPort): void {
    this.ports.delete(port);
  }

  /** Children of this pool that have not exited yet, warm ones included. */
  liveChildren(): number {
    return this.children.size;
  }

  /** Their process ids, for the kit's tests and for diagnostics. */
  childPids(): number[] {
    return [...this.children].flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
  }

  /** Closes every open port, kills the warm children, and waits until all have exited. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.ports].map((port) => port.close()));
    for (const child of this.warm.splice(0)) child.kill({ reason: 'closed', detail: 'the pool was closed' });
    await Promise.all([...this.children].map((child) => child.closed));
  }

  private topUp(): void {
    while (!this.closed && this.warm.length < this.options.warmChildren) this.warm.push(this.spawn());
  }

  private spawn(): SandboxChild {
    const options = this.options;
    const uid = this.probe.setpriv ? claimUid(options.userIds) : undefined;
    const node = [process.execPath, ...nodeFlags(options, this.files.runnerPath), this.files.runnerPath];
    const { command, args } = wrapCommand(this.probe, options, uid ?? 0, node);
    const child = new SandboxChild({
      command,
      args,
      cwd: this.files.workingDirectory,
      heapMb: options.heapMb,
      startupTimeoutMs: options.startupTimeoutMs,
      maxOutputBytes: options.maxOutputBytes,
      maxAnswerChars: options.maxAnswerChars,
      maxBatchAnswerChars: options.maxBatchAnswerChars,
    });
    this.children.add(child);
    void child.closed.then(() => {
      this.children.delete(child);
      if (uid !== undefined) uidsInUse.delete(uid);
    });
    return child;
  }

  private async acquireSlot(): Promise<void> {
    if (this.active < this.options.maxActivePorts) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** A uid no other live child of this process has, so that children cannot signal each other. */
function claimUid(range: { readonly first: number; readonly count: number }): number {
  if (range.count <= 1) return range.first;
  for (let attempt = 0; attempt < 64; attempt++) {
    const uid = range.first + Math.floor(Math.random() * range.count);
    if (!uidsInUse.has(uid)) {
      uidsInUse.add(uid);
      return uid;
    }
  }
  return range.first;
}
