import { performance } from 'node:perf_hooks';

/** What one phase (a path of nested phases, `outer > inner`) cost in all. */
export interface PhaseTotal {
  /** Wall time from entry to exit, nested phases included. */
  ms: number;
  /** Wall time less the nested phases'. */
  selfMs: number;
  count: number;
  /** Calls through the door made while this was the innermost phase, and the wall time they took. */
  doorCalls: number;
  doorMs: number;
}

interface Frame {
  readonly parent?: Frame;
  readonly path: string;
  readonly start: number;
  childMs: number;
  doorCalls: number;
  doorMs: number;
}

/**
 * Wall time per phase, with nesting, for a run that does one thing at a time (jobs = 1): the
 * innermost open phase is the one working, so self times add up to the run's wall time.
 */
export class PhaseTimer {
  private readonly totals = new Map<string, PhaseTotal>();
  private readonly open: Frame[] = [];

  /** Times `work`, sync or async, under `phase` (or under the phase `classify` names from its result). */
  time<T>(phase: string, work: () => T, classify?: (result: Awaited<T>) => string): T {
    const parent = this.open.at(-1);
    const frame: Frame = {
      parent,
      path: parent ? `${parent.path} > ${phase}` : phase,
      start: performance.now(),
      childMs: 0,
      doorCalls: 0,
      doorMs: 0,
    };
    this.open.push(frame);
    const finish = (name: string) => {
      this.open.splice(this.open.lastIndexOf(frame), 1);
      const elapsed = performance.now() - frame.start;
      const path = parent ? `${parent.path} > ${name}` : name;
      const total = this.totals.get(path) ?? { ms: 0, selfMs: 0, count: 0, doorCalls: 0, doorMs: 0 };
      total.ms += elapsed;
      total.selfMs += elapsed - frame.childMs;
      total.count++;
      total.doorCalls += frame.doorCalls;
      total.doorMs += frame.doorMs;
      this.totals.set(path, total);
      if (parent) parent.childMs += elapsed;
    };
    let result: T;
    try {
      result = work();
    } catch (error) {
      finish(phase);
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: Awaited<T>) => {
          finish(classify ? classify(value) : phase);
          return value;
        },
        (error: unknown) => {
          finish(phase);
          throw error;
        },
      ) as T;
    }
    finish(classify ? classify(result as Awaited<T>) : phase);
    return result;
  }

  /** Counts door calls against the innermost open phase (or against "(no phase)"). */
  doorCalls(calls: number, ms: number): void {
    const frame = this.open.at(-1);
    if (frame) {
      frame.doorCalls += calls;
      frame.doorMs += ms;
      return;
    }
    const total = this.totals.get('(no phase)') ?? { ms: 0, selfMs: 0, count: 0, doorCalls: 0, doorMs: 0 };
    total.doorCalls += calls;
    total.doorMs += ms;
    this.totals.set('(no phase)', total);
  }

  /**
   * Replaces `moduleExports[name]` by a timed wrapper. The grader is compiled to CommonJS, whose
   * callers read `exports.name` at each call, so this times every call made from other modules
   * (calls inside the defining module are not seen).
   */
  wrapExport(
    moduleExports: Record<string, unknown>,
    name: string,
    phase: string,
    classify?: (result: any, args: unknown[]) => string,
  ): void {
    const original = moduleExports[name];
    if (typeof original !== 'function') throw new Error(`bench: ${name} is not an exported function, cannot time it`);
    const timer = this;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      return timer.time(
        phase,
        () => original.apply(this, args),
        classify ? (result) => classify(result, args) : undefined,
      );
    };
    Object.defineProperty(moduleExports, name, {
      value: wrapped,
      writable: true,
      configurable: true,
      enumerable: true,
    });
  }

  snapshot(): Record<string, PhaseTotal> {
    const round = (x: number) => Math.round(x * 10) / 10;
    return Object.fromEntries(
      [...this.totals].map(([path, t]) => [
        path,
        { ms: round(t.ms), selfMs: round(t.selfMs), count: t.count, doorCalls: t.doorCalls, doorMs: round(t.doorMs) },
      ]),
    );
  }
}
