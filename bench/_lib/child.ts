import { spawn, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { KIT_ROOT } from '../../grader/data/paths';

/**
 * The environment for commands the bench starts: a vitest that runs the smoke test must not leak
 * its worker settings into the vitest it measures. `NODE_EXTRA_CA_CERTS` goes too: this machine
 * sets it, and every Node that starts with it parses the whole CA bundle (32 ms of CPU here), which
 * neither a Classroom runner nor a student's laptop does.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(VITEST|TINYPOOL|NODE_OPTIONS$|NODE_ENV$|NODE_EXTRA_CA_CERTS$)/.test(key)) env[key] = value;
  return { ...env, ...extra };
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly wallMs: number;
  readonly stderr: string;
}

/** Runs a command to its end; `onLine` sees each stdout line as it comes. Stderr is kept (its last 64 KiB). */
export function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { onLine?: (line: string) => void; onStart?: (pid: number) => void } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, [...args], {
      cwd: KIT_ROOT,
      env: cleanEnv(),
      ...options,
      stdio: ['ignore', options.onLine ? 'pipe' : 'ignore', 'pipe'],
    });
    if (child.pid !== undefined) options.onStart?.(child.pid);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-65536)));
    if (options.onLine && child.stdout) createInterface({ input: child.stdout }).on('line', options.onLine);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, wallMs: performance.now() - start, stderr }));
  });
}

/** Runs a bench TypeScript file in its own Node (ts-node, transpile only), as `npm run` scripts do. */
export function runTs(
  script: string,
  args: readonly string[],
  options: Parameters<typeof run>[2] & { nodeFlags?: readonly string[] } = {},
): Promise<Finished> {
  return run(process.execPath, [...(options.nodeFlags ?? []), '-r', 'ts-node/register', script, ...args], options);
}

/** Runs a worker that writes its result as JSON to the file named by its last argument; throws with its stderr when it fails. */
export async function runWorker<T>(
  script: string,
  args: readonly string[],
  options: Parameters<typeof runTs>[2] = {},
): Promise<T & { processWallMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'gd-bench-result-'));
  const resultPath = join(dir, 'result.json');
  try {
    const finished = await runTs(script, [...args, resultPath], options);
    if (finished.code !== 0)
      throw new Error(
        `bench: ${script} exited with ${finished.code ?? finished.signal}:\n${finished.stderr.slice(-4000)}`,
      );
    return { ...(JSON.parse(readFileSync(resultPath, 'utf8')) as T), processWallMs: finished.wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `tasks` with at most `parallel` at once, in order of submission. */
export async function inParallel<T>(tasks: readonly (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, tasks.length) }, worker));
  return results;
}
