import { readFileSync } from 'node:fs';

/** The parts of V8's .cpuprofile the bench reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

interface Frame {
  readonly functionName: string;
  readonly url: string;
}

/** Names what a stack was doing, leaf first; undefined to let the next rule try. */
export type Classifier = (stack: readonly Frame[]) => string | undefined;

/** Milliseconds per category over a profile's samples; each sample goes to the first rule that names it. */
export function categorise(
  path: string,
  rules: readonly Classifier[],
): { totalMs: number; byCategory: Record<string, number> } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  const frame = new Map<number, Frame>();
  for (const node of profile.nodes) {
    frame.set(node.id, node.callFrame);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const stacks = new Map<number, Frame[]>();
  const stackOf = (id: number): Frame[] => {
    let stack = stacks.get(id);
    if (!stack) {
      stack = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(frame.get(at)!);
      stacks.set(id, stack);
    }
    return stack;
  };
  const byCategory: Record<string, number> = {};
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const stack = stackOf(id);
    const category = rules.reduce<string | undefined>((found, rule) => found ?? rule(stack), undefined) ?? 'other';
    byCategory[category] = (byCategory[category] ?? 0) + ms;
    totalMs += ms;
  });
  return { totalMs, byCategory };
}
