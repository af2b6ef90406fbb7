/**
 * Compares two folders written by `npm run grade` (same submissions, same `--seed`) and lists every
 * file that differs in anything but what a run may change on its own: the grader version (a hash of
 * the checks and references), execution times, and the order in which the journal recorded
 * students. A refactoring that changes no behaviour leaves this list empty.
 * Run: node -r ts-node/register scripts/same-grading-outputs.ts <before> <after>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const VOLATILE_KEYS = new Set(['graderVersion', 'grader_version', 'executionTime', 'execution_time', 'key']);

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

function withoutVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatile);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !VOLATILE_KEYS.has(key))
        .map(([key, inner]) => [key, withoutVolatile(inner)]),
    );
  }
  return value;
}

/** The file's text with what a run may change on its own taken out. */
export function normalised(path: string, text: string): string {
  if (path.endsWith('.jsonl')) {
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.stringify(withoutVolatile(JSON.parse(line))))
      .sort()
      .join('\n');
  }
  if (path.endsWith('.json')) return JSON.stringify(withoutVolatile(JSON.parse(text)), null, 1);
  return text
    .replace(/\d+\.\d+\.\d+\+[0-9a-f]{12}/g, '<grader version>')
    .replace(/\btime="[\d.]+"/g, 'time="…"')
    .replace(/(<property name="grader_version" value=")[^"]*"/g, '$1…"');
}

function main(before: string, after: string): number {
  const beforeFiles = filesUnder(before);
  const afterFiles = filesUnder(after);
  const differences: string[] = [];
  for (const file of new Set([...beforeFiles, ...afterFiles])) {
    if (!beforeFiles.includes(file)) differences.push(`only in ${after}: ${file}`);
    else if (!afterFiles.includes(file)) differences.push(`only in ${before}: ${file}`);
    else if (
      normalised(file, readFileSync(join(before, file), 'utf8')) !==
      normalised(file, readFileSync(join(after, file), 'utf8'))
    )
      differences.push(`differs: ${file}`);
  }
  process.stdout.write(
    differences.length
      ? `${differences.join('\n')}\n${differences.length} of ${beforeFiles.length} files differ.\n`
      : `All ${beforeFiles.length} files are the same, apart from the grader version, execution times and journal order.\n`,
  );
  return differences.length ? 1 : 0;
}

if (require.main === module) {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) {
    process.stderr.write('usage: node -r ts-node/register scripts/same-grading-outputs.ts <before> <after>\n');
    process.exit(2);
  }
  process.exit(main(before, after));
}
