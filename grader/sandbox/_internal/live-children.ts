import type { ChildProcess } from 'node:child_process';

/*
 * Every sandbox child of this process, so that none outlives the grader: they are killed when it
 * exits or is told to stop (SIGINT, SIGTERM, SIGHUP). Children also get SIGKILL from the kernel
 * if the grader dies without running any of this (setpriv --pdeathsig).
 */

const live = new Set<ChildProcess>();
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const signalHandlers = new Map<NodeJS.Signals, () => void>(STOP_SIGNALS.map((signal) => [signal, () => stopOnSignal(signal)]));
let hooked = false;

export function trackChild(child: ChildProcess): void {
  if (child.pid === undefined) return;
  live.add(child);
  child.once('exit', () => {
    live.delete(child);
    if (live.size === 0) unhook();
  });
  hook();
}

/** How many sandbox children this process has started that have not yet exited and been reaped. */
export function liveSandboxChildren(): number {
  return live.size;
}

/** SIGKILL to the child's process group (it leads one), and to the child itself; harmless once it has exited. */
export function killChild(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
  try {
    child.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}

function killAll(): void {
  for (const child of live) killChild(child);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const [signal, handler] of signalHandlers) process.on(signal, handler);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', killAll);
  for (const [signal, handler] of signalHandlers) process.off(signal, handler);
}

/** Our handler replaced the default action of the signal; once the children are dead, let it happen as if we had not been here. */
function stopOnSignal(signal: NodeJS.Signals): void {
  killAll();
  unhook();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
