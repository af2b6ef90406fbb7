import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv } from '../../bench/_lib/child';
import type { BenchReport } from '../../bench/_lib/report';
import { KIT_ROOT } from '../../grader/data/paths';

/** `npm run bench -- --smoke`, as a process: its exit code, what it printed, and the JSON it wrote. */
function runSmoke(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register', join(KIT_ROOT, 'bench', 'run-all.ts'), '--smoke'],
      { cwd: KIT_ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Speed is never asserted here: the numbers live in bench/README.md. This only proves that every
// benchmark still runs against the current grader and that the table comes out.
// Under a load of 10 on the 2 cores the whole smoke run took 250 s, hence the long timeout.
describe('npm run bench -- --smoke', () => {
  it('runs every benchmark at smoke size and prints one table', async () => {
    const { code, stdout, stderr } = await runSmoke();
    expect(code, stderr.slice(-3000)).toBe(0);
    expect(stdout).toMatch(/^benchmark\s+measured\s+baseline\s+ratio\s+target\s+met\?$/m);
    for (const name of [
      'numerics: reference cost',
      'numerics: reference gradient',
      'train: npm run train',
      'feedback-latency:',
      'grade-throughput: npm run grade -- --no-reports',
      'grade-throughput: npm run grade, with reports',
      'grade-vs-baseline: npm run grade, with reports',
      'profile: CPU per submission',
      'scale: npm run grade -- --no-reports over N=20',
      'scale: sandbox processes left',
    ]) {
      expect(stdout).toContain(name);
    }
    const results = JSON.parse(readFileSync(join(KIT_ROOT, 'bench', 'out', 'smoke-results.json'), 'utf8')) as {
      reports: BenchReport[];
    };
    expect(results.reports.map((r) => r.bench)).toEqual([
      'numerics',
      'feedback-latency',
      'grade-throughput',
      'grade-vs-baseline',
      'grade-profile',
      'scale',
    ]);
    for (const report of results.reports) expect(report.rows.length).toBeGreaterThan(0);
  }, 420_000);
});
