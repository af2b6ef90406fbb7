import type { IsolationLayer } from '../../door/port';
import type { ResolvedSandboxOptions } from '../sandbox-options';
import type { SandboxPort } from '../sandbox-port';
import type { SandboxChild } from './sandbox-child';

/** What a port needs from the pool it belongs to. */
export interface SandboxHost {
  readonly options: ResolvedSandboxOptions;
  readonly isolation: readonly IsolationLayer[];
  /** A started (or starting) child, fresh for this port: a warm one when there is one. */
  takeChild(): SandboxChild;
  /** The port has closed and killed its children. */
  portClosed(port: SandboxPort): void;
}
