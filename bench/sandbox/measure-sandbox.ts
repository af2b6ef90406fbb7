/*
 * Measures the sandbox: child start-up and batch round trips, medians of repeated runs.
 * Run: node -r ts-node/register bench/sandbox/measure-sandbox.ts [--json]
 */
import { join } from 'node:path';
import { KIT_ROOT } from '../../grader/data/paths';
import type { CallRequest } from '../../grader/shipped/door/port';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { SandboxPool } from '../../grader/sandbox/index';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function points(n: number, seed: number): { x: number; y: number }[] {
  return Array.from({ length: n }, (_, i) => ({
    x: ((i * 37 + seed) % 41) / 4 - 5,
    y: ((i * 53 + seed * 7) % 29) / 2 - 7,
  }));
}

/** A batch like the grader's: many small calls over every export, both worlds, a few long descents. */
function gradingBatch(size: number): CallRequest[] {
  const calls: CallRequest[] = [];
  for (let i = 0; calls.length < size; i++) {
    const data = points(6 + (i % 40), i);
    const line = { m: (i % 7) - 3, b: (i % 5) / 2 };
    const world = i % 4 === 0 ? 'isolated' : 'student';
    calls.push(
      { exercise: '01-cost', fn: 'computeCost', args: [data, line], world },
      { exercise: '02-gradient', fn: 'computeGradient', args: [data, line], world },
      { exercise: '03-step', fn: 'step', args: [data, line, 0.01], world },
      {
        exercise: '04-descent',
        fn: 'gradientDescent',
        args: [data, { initial: line, learningRate: 0.001, iterations: i % 10 === 0 ? 1000 : 20 }],
        world,
      },
      {
        exercise: '05-valley',
        fn: 'descend',
        args: [
          {
            $gradient: {
              hessian: [
                [2, 1],
                [1, 2],
              ],
              center: [0, 0],
            },
          },
          { x: 1, y: -2 },
          0.1,
          50,
        ],
        world,
      },
      { exercise: '06-learning-rate', fn: 'leastSquares', args: [data], world },
    );
  }
  return calls.slice(0, size);
}

async function main(): Promise<void> {
  const reference = readSubmission(join(KIT_ROOT, 'solutions'), 'reference');
  const firstCall: CallRequest[] = [{ exercise: '01-cost', fn: 'computeCost', args: [points(10, 1), { m: 1, b: 0 }] }];

  const builtAt = performance.now();
  const cold = new SandboxPool({ warmChildren: 0 });
  const poolMs = performance.now() - builtAt;
  const spawnToReady: number[] = [];
  const openToFirstAnswerCold: number[] = [];
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    await cold.run(reference, reference, async (port) => {
      await port.callMany(firstCall);
      openToFirstAnswerCold.push(performance.now() - started);
      spawnToReady.push(port.diagnostics().startupMs[0]);
    });
  }
  await cold.close();

  const warm = new SandboxPool({ warmChildren: 1 });
  const openToFirstAnswerWarm: number[] = [];
  await warm.run(reference, reference, (port) => port.callMany(firstCall));
  for (let i = 0; i < 25; i++) {
    await new Promise((done) => setTimeout(done, 60));
    const started = performance.now();
    await warm.run(reference, reference, async (port) => {
      await port.callMany(firstCall);
      openToFirstAnswerWarm.push(performance.now() - started);
    });
  }

  const batch = gradingBatch(500);
  const sandboxBatch: number[] = [];
  const sandboxSingle: number[] = [];
  await warm.run(reference, reference, async (port) => {
    await port.callMany(batch);
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      await port.callMany(batch);
      sandboxBatch.push(performance.now() - started);
    }
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await port.callMany(firstCall);
      sandboxSingle.push(performance.now() - started);
    }
  });
  await warm.close();

  const inProcess = new InProcessPort(reference, reference);
  await inProcess.callMany(batch);
  const inProcessBatch: number[] = [];
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    await inProcess.callMany(batch);
    inProcessBatch.push(performance.now() - started);
  }

  const results = {
    node: process.version,
    layers: cold.isolation.filter((l) => l.active).map((l) => l.name),
    poolCreationMs: poolMs,
    spawnToReadyMs: median(spawnToReady),
    openToFirstAnswerColdMs: median(openToFirstAnswerCold),
    openToFirstAnswerWarmMs: median(openToFirstAnswerWarm),
    singleCallRoundTripMs: median(sandboxSingle),
    batch500Ms: median(sandboxBatch),
    batchCallsPerSecond: Math.round(500 / (median(sandboxBatch) / 1000)),
    inProcessBatch500Ms: median(inProcessBatch),
    inProcessCallsPerSecond: Math.round(500 / (median(inProcessBatch) / 1000)),
  };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  process.stdout.write(
    [
      `node ${results.node}; active layers: ${results.layers.join(', ')}`,
      `pool creation (probes + runner file):  ${ms(results.poolCreationMs)}`,
      `child spawn to ready (median of 25):     ${ms(results.spawnToReadyMs)}`,
      `open to first answer, cold (median):     ${ms(results.openToFirstAnswerColdMs)}  (spawn, 6 imports, 1 call)`,
      `open to first answer, warm child:        ${ms(results.openToFirstAnswerWarmMs)}`,
      `one call, round trip (median of 50):     ${ms(results.singleCallRoundTripMs)}`,
      `batch of 500 calls (median of 15):       ${ms(results.batch500Ms)} = ${results.batchCallsPerSecond} calls/s`,
      `same batch in-process (no sandbox):      ${ms(results.inProcessBatch500Ms)} = ${results.inProcessCallsPerSecond} calls/s`,
    ].join('\n') + '\n',
  );
}

void main();
