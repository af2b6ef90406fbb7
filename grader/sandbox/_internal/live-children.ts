import type { ChildProcess } from 'node:child_process';

/*
 * Every sandbox child of this process, so that none outlives the grader: they are killed when it
 * exits or is told to stop (SIGINT, SIGTERM, SIGHUP). Children also get SIGKILL from the kernel
 * if the grader dies without running any of this (setpriv --pdeathsig).
 */

/** A child as this registry sees it: its process, and how to end it for a shutdown of the grader. */
export interface TrackedChild {
  readonly process: ChildProcess;
  shutdown(why: string): void;
}

const live = new Set<TrackedChild>();
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const signalHandlers = new Map<NodeJS.Signals, () => void>(
  STOP_SIGNALS.map((signal) => [signal, () => stopOnSignal(signal)]),
);
let hooked = false;

export function trackChild(child: TrackedChild): void {
  if (child.process.pid === undefined) return;
  live.add(child);
  child.process.once('exit', () => {
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
export function killProcess(child: ChildProcess): void {
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

function shutdownAll(why: string): void {
  for (const child of live) child.shutdown(why);
}

const onExit = () => shutdownAll('the grader exited');

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', onExit);
  // First in line, so that it can tell whether anyone else handles the signal.
  for (const [signal, handler] of signalHandlers) process.prependListener(signal, handler);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', onExit);
  for (const [signal, handler] of signalHandlers) process.off(signal, handler);
}

/**
 * Kills the children; then, if nobody else listens for the signal, lets its default action (the
 * end of the grader) happen as if no handler had been installed. A grader that handles the signal
 * itself (to stop scheduling, say) keeps running, and its ports refuse the work that was cut short.
 */
function stopOnSignal(signal: NodeJS.Signals): void {
  const othersListen = process.listenerCount(signal) > 1;
  shutdownAll(`the grader received ${signal}`);
  unhook();
  if (!othersListen) process.kill(process.pid, signal);
}
