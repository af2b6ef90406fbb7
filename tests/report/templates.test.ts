import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../grader/report/_templates';

const TEMPLATE_DIRS = [
  join(__dirname, '../../grader/report/templates'),
  join(__dirname, '../../grader/shipped/report/templates'),
];

describe('templates', () => {
  it('hold no logic beyond each and if', () => {
    const templates = TEMPLATE_DIRS.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.hbs'))
        .map((f) => join(dir, f)),
    );
    expect(templates.length).toBe(4);
    for (const file of templates) {
      const source = readFileSync(file, 'utf8');
      const blocks = [...source.matchAll(/\{\{[#^/>]\s*([\w-]+)|\{\{\s*([\w-]+)\s+[\w"']/g)].map((m) => m[1] ?? m[2]);
      expect(
        blocks.filter((name) => name !== 'each' && name !== 'if'),
        file,
      ).toEqual([]);
    }
  });

  it('refuse a helper or a field the view model lacks', () => {
    expect(() => renderTemplate('student.md', {})).toThrow(/not defined/);
  });
});
