import { describe, expect, it } from 'vitest';
import { renderConsoleSummary, shouldUseColor } from '../../grader/report';
import { buggyResult, HIDDEN_SENTINEL, passingResult } from './fixtures';

const ANSI = /\u001b\[[0-9;]*m/;

describe('the console summary', () => {
  it('prints the score per exercise, the named misconception and where to look', () => {
    const text = renderConsoleSummary(buggyResult(), { color: false });
    expect(text.split('\n')).toEqual([
      'Gradient descent: ada | lovelace  11/28  seed 20261124',
      '  ✓ 01-cost              8/8',
      '  ◐ 02-gradient         2/10  You forgot the factor 2',
      '  ◐ 03-step              1/3  no known misconception matched',
      '  ✗ 04-descent           0/3  fix 03-step first',
      '  ✗ 06-learning-rate     0/4  file missing',
      '',
      'Where to look: 02-gradient › matches the worked examples',
      '  the gradient: expected { dm: -4, db: -4 }, got { dm: -2, db: -2 } (off by 2.00, tolerance 4.00e-12).',
      '  input: points: (1, 3); line: m = 1, b = 0',
      '  replay: npm run check -- <submission> --check 02-gradient/worked-examples --seed 20261124',
    ]);
  });

  it('has no escape codes without colour, and colours with it', () => {
    expect(renderConsoleSummary(buggyResult(), { color: false })).not.toMatch(ANSI);
    const coloured = renderConsoleSummary(buggyResult(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(new RegExp(ANSI.source, 'g'), '')).toBe(
      renderConsoleSummary(buggyResult(), { color: false }),
    );
  });

  it('never shows a hidden check’s details', () => {
    expect(renderConsoleSummary(buggyResult(), { color: false })).not.toContain('987654');
    expect(String(HIDDEN_SENTINEL)).toContain('987654');
  });

  it('says so when everything passes', () => {
    expect(renderConsoleSummary(passingResult(), { color: false })).toContain('All checks pass.');
  });

  it('uses colour only on a terminal, and never with NO_COLOR set', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(shouldUseColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
  });
});
