import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  renderInstructorReport,
  renderStudentReport,
  writeClassSummary,
  writeStudentReport,
} from '../../grader/report';
import { buggyResult, HIDDEN_SENTINEL, passingResult } from './fixtures';

describe('writing reports', () => {
  it('writes report.html, report.md, junit.xml and the instructor’s instructor.html and instructor.md, replacing old ones and leaving no temporary file', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'reports-')), 'ada');
    await writeStudentReport(passingResult('ada'), dir);
    writeFileSync(join(dir, 'results.json'), '{}');
    await writeStudentReport(buggyResult('ada'), dir);
    expect(readdirSync(dir).sort()).toEqual([
      'instructor.html',
      'instructor.md',
      'junit.xml',
      'report.html',
      'report.md',
      'results.json',
    ]);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('You forgot the factor 2');
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('<testsuites');
  });

  it('writes summary.html, summary.md and gradebook.csv, listing the folders that could not be graded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'));
    await writeClassSummary([buggyResult('ada'), passingResult('grace')], dir, {
      failures: [{ studentId: 'zed', message: 'grader: zed holds no exercise files' }],
    });
    expect(readdirSync(dir).sort()).toEqual(['gradebook.csv', 'summary.html', 'summary.md']);
    const html = readFileSync(join(dir, 'summary.html'), 'utf8');
    expect(html).toContain('<a href="ada/report.html">ada</a>');
    expect(html).toContain('grader: zed holds no exercise files');
    expect(html).toContain('You forgot the factor 2');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('[grace](grace/report.md)');
  });

  it('writes an empty class without failing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-empty-'));
    await writeClassSummary([], dir, { failures: [{ studentId: 'zed', message: 'no files' }] });
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('No submission could be graded.');
  });
});

describe('the HTML report', () => {
  it('is one self-contained page: no script, no external resource', async () => {
    const { html } = await renderStudentReport(buggyResult());
    expect(/<script|<link|<img|@import|url\((?!#)/i.test(html)).toBe(false);
    expect(/\b(src|href)="(https?:)?\/\//i.test(html)).toBe(false);
    expect(html.match(/<svg/g)!.length).toBe(5);
  });

  it('escapes what the student controls', async () => {
    const { html } = await renderStudentReport(buggyResult('<img src=x onerror=alert(1)>'));
    expect(html.includes('<img src=x')).toBe(false);
    expect(html.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;')).toBe(true);
  });

  it('names hidden checks and never shows their inputs, expected values, messages or replay', async () => {
    const { html } = await renderStudentReport(buggyResult());
    expect(html).toContain('matches the reference on random small data');
    expect(html.includes('987654')).toBe(false);
    expect(String(HIDDEN_SENTINEL)).toContain('987654');
  });

  it('shows the instructor every hidden check in full, under a warning', async () => {
    const { html, markdown } = await renderInstructorReport(buggyResult());
    for (const page of [html, markdown]) {
      expect(page).toContain('Instructor only');
      expect(page).toContain('987654.321');
      expect(page).toContain('hidden check');
    }
  });
});

describe('a result without plot data', () => {
  it('renders without a plots section', async () => {
    const { html, markdown } = await renderStudentReport({ ...passingResult('noplots'), plots: undefined });
    expect(html.includes('<svg')).toBe(false);
    expect(html.includes('Your code at work')).toBe(false);
    expect(markdown).not.toContain('## Your code at work');
  });
});

describe('concurrent reports', () => {
  it('render the same pages as one at a time', async () => {
    const alone = await renderStudentReport(buggyResult('ada'));
    const [together] = await Promise.all([
      renderStudentReport(buggyResult('ada')),
      renderStudentReport(passingResult('grace')),
      renderStudentReport(buggyResult('bob')),
    ]);
    expect(together.html === alone.html).toBe(true);
  });
});
