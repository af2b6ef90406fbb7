import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradescopeSchema, validateGradescopeResults } from '../../grader/gradescope/results-schema';
import { GRADEBOOK_ASSIGNMENT, renderClassSummary } from '../../grader/report';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { junitXml } from '../../grader/report/_junit';
import { forStudent } from '../../grader/shipped/results/for-student';
import { toGradescope } from '../../grader/gradescope/results-json';
import { buggyResult, HIDDEN_SENTINEL, passingResult } from './fixtures';
import { gradeVariant, SEQUENTIAL_STEP } from './real-results';

const JUNIT_XSD = join(__dirname, '../../grader/report/schemas/junit-10.xsd');
const XMLLINT = '/usr/bin/xmllint';

let graded: SubmissionResult;
beforeAll(async () => {
  graded = await gradeVariant('fay-sequential', SEQUENTIAL_STEP);
});

describe('results.json against the Gradescope schema', () => {
  it('accepts what toGradescope makes of a real grading result and of the fixtures', () => {
    for (const result of [graded, buggyResult(), passingResult()])
      expect(validateGradescopeResults(toGradescope(result))).toEqual([]);
  });

  it('escapes every control character a submission put into a public check’s message', () => {
    const result = buggyResult();
    const hostile = '\u001b[2J\u001b]52;c;cHduZWQ=\u0007\r✓ 15/15 \u202e';
    const exercises = result.exercises.map((e) => ({
      ...e,
      checks: e.checks.map((c) =>
        c.status === 'fail' && c.visibility === 'public'
          ? { ...c, message: `computeGradient threw Error: ${hostile}` }
          : c,
      ),
    }));
    const outputs = toGradescope({ ...result, exercises })
      .tests.map((t) => t.output)
      .join('\n');
    expect(outputs).toContain('\\x1b[2J');
    expect(outputs).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('accepts the documentation’s own example', () => {
    const example = {
      score: 44.0,
      execution_time: 136,
      output: 'Text relevant to the entire submission',
      output_format: 'simple_format',
      test_output_format: 'text',
      test_name_format: 'text',
      visibility: 'after_due_date',
      stdout_visibility: 'visible',
      extra_data: {},
      tests: [
        {
          score: 2.0,
          max_score: 2.0,
          status: 'passed',
          name: 'Your name here',
          name_format: 'text',
          number: '1.1',
          output: 'Giant multiline string',
          output_format: 'text',
          tags: ['tag1', 'tag2', 'tag3'],
          visibility: 'visible',
          extra_data: {},
        },
      ],
      leaderboard: [
        { name: 'Accuracy', value: 0.926 },
        { name: 'Time', value: 15.1, order: 'asc' },
        { name: 'Stars', value: '*****' },
      ],
    };
    expect(validateGradescopeResults(example)).toEqual([]);
    expect(validateGradescopeResults({ tests: [{ name: 'Compilation check', status: 'passed', score: 0 }] })).toEqual(
      [],
    );
  });

  it('rejects what Gradescope would misread, and says where', () => {
    const valid = toGradescope(buggyResult()) as unknown as Record<string, unknown> & {
      tests: Record<string, unknown>[];
    };
    expect(validateGradescopeResults({ ...valid, visibility: 'sometimes' })).toEqual([
      expect.stringContaining('results.json/visibility'),
    ]);
    expect(validateGradescopeResults({ ...valid, maxscore: 3 })).toEqual([expect.stringContaining('"maxscore"')]);
    expect(validateGradescopeResults({ ...valid, tests: [{ ...valid.tests[0], status: 'ok' }] })).toEqual([
      expect.stringContaining('/tests/0/status'),
    ]);
    expect(validateGradescopeResults({ ...valid, score: '44' })).toEqual([expect.stringContaining('/score')]);
    expect(validateGradescopeResults({ output: 'no score anywhere' }).length).toBeGreaterThan(0);
    expect(validateGradescopeResults({ tests: [{ name: 'no score' }] }).length).toBeGreaterThan(0);
    expect(validateGradescopeResults({ score: 1, leaderboard: [{ name: 'Time', value: 1, order: 'up' }] })).toEqual([
      expect.stringContaining('/leaderboard/0/order'),
    ]);
  });

  it('exports the schema as data', () => {
    expect(gradescopeSchema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' });
  });
});

describe('junit.xml', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  type Case = {
    name: string;
    classname: string;
    failure?: { type: string; message: string; '#text'?: string };
    error?: { type: string; message: string };
  };
  type Suite = {
    name: string;
    tests: string;
    failures: string;
    errors: string;
    properties: { property: { name: string; value: string }[] };
    testcase: Case[];
  };

  for (const [label, result] of [
    ['a real result', () => graded],
    ['the fixture', () => buggyResult()],
  ] as const) {
    it(`is well-formed and has the JUnit structure for ${label}`, () => {
      const junit = junitXml(forStudent(result()));
      expect(XMLValidator.validate(junit)).toBe(true);
      const doc = parser.parse(junit) as {
        testsuites: { tests: string; failures: string; errors: string; time: string; testsuite: Suite[] };
      };
      const r = result();
      const checks = r.exercises.flatMap((e) => e.checks);
      expect(Number(doc.testsuites.tests)).toBe(checks.length);
      expect(Number(doc.testsuites.failures)).toBe(
        checks.filter((c) => c.status === 'fail' || c.status === 'not-implemented').length,
      );
      expect(Number(doc.testsuites.errors)).toBe(checks.filter((c) => c.status === 'error').length);
      expect(doc.testsuites.time).toMatch(/^\d+\.\d{3}$/);
      expect(doc.testsuites.testsuite.map((s) => s.name)).toEqual(r.exercises.map((e) => e.exercise));
      for (const [i, suite] of doc.testsuites.testsuite.entries()) {
        const exercise = r.exercises[i];
        expect(Number(suite.tests)).toBe(suite.testcase.length);
        expect(Number(suite.failures)).toBe(suite.testcase.filter((c) => c.failure).length);
        expect(Number(suite.errors)).toBe(suite.testcase.filter((c) => c.error).length);
        expect(suite.properties.property).toContainEqual({ name: 'seed', value: String(r.seed) });
        expect(suite.testcase.map((c) => c.name)).toEqual(exercise.checks.map((c) => c.title));
        for (const [j, testcase] of suite.testcase.entries()) {
          expect(testcase.classname).toBe(`gradient-descent.${exercise.exercise}`);
          expect(Boolean(testcase.failure || testcase.error)).toBe(exercise.checks[j].status !== 'pass');
        }
      }
    });
  }

  it('says that a hidden check failed and nothing more', () => {
    const junit = junitXml(forStudent(buggyResult()));
    expect(junit).toContain('a hidden check failed');
    expect(junit).not.toContain('987654');
    expect(junit).not.toContain(String(HIDDEN_SENTINEL));
  });

  it('carries the counterexample, tolerance and replay command of a public failure', () => {
    const junit = junitXml(forStudent(buggyResult()));
    expect(junit).toContain(
      'Failing input: points: (1, 3), (2, 5), (-1, 0.5); line: m = 1, b = 0; learning rate η: 0.125',
    );
    expect(junit).toContain('Tolerance 5.04e-13, observed error 0.125.');
    expect(junit).toContain('Replay: npm run check -- &lt;submission&gt; --check 03-step/simultaneous-update');
  });

  it.skipIf(!existsSync(XMLLINT))('validates against the JUnit XSD checked in from Jenkins (xmllint)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'junit-'));
    for (const [name, result] of [
      ['real', graded],
      ['fixture', buggyResult('bad \u0001 char & <stuff>')],
      ['passing', passingResult()],
    ] as const) {
      const file = join(dir, `${name}.xml`);
      writeFileSync(file, junitXml(forStudent(result)));
      const run = spawnSync(XMLLINT, ['--noout', '--schema', JUNIT_XSD, file], { encoding: 'utf8' });
      expect(run.stderr).toContain('validates');
      expect(run.status).toBe(0);
    }
  });
});

describe('gradebook.csv', () => {
  it('parses back into Canvas’s layout: identity columns, a points-possible row, one row per student', async () => {
    const results = [graded, buggyResult('=cmd|evil'), passingResult()];
    const { gradebook } = await renderClassSummary(results, {
      failures: [{ studentId: 'zed', message: 'no exercise files' }],
    });
    const rows = parse(gradebook, { relax_column_count: false }) as string[][];
    const [header, possible, ...students] = rows;
    const exercises = ['01-cost', '02-gradient', '03-step', '04-descent', '05-valley', '06-learning-rate'];
    expect(header).toEqual([
      'Student',
      'ID',
      'SIS User ID',
      'SIS Login ID',
      'Section',
      GRADEBOOK_ASSIGNMENT,
      ...exercises,
    ]);
    expect(possible.slice(0, 6)).toEqual(['Points Possible', '', '', '', '', '100']);
    expect(possible.slice(6)).toEqual([
      '15 (read only)',
      '20 (read only)',
      '15 (read only)',
      '20 (read only)',
      '15 (read only)',
      '15 (read only)',
    ]);
    expect(students.map((r) => r[3])).toEqual(["'=cmd|evil", 'fay-sequential', 'grace', 'zed']);

    const fay = students.find((r) => r[0] === 'fay-sequential')!;
    expect(fay.slice(5).map(Number)).toEqual([
      graded.score,
      ...exercises.map((id) => graded.exercises.find((e) => e.exercise === id)!.score),
    ]);
    expect(
      fay
        .slice(6)
        .map(Number)
        .reduce((s, v) => s + v, 0),
    ).toBe(Number(fay[5]));

    const zed = students.find((r) => r[0] === 'zed')!;
    expect(zed.slice(5).every((cell) => cell === '')).toBe(true);
  });

  it('keys the columns by header as csv-parse reads them', async () => {
    const { gradebook } = await renderClassSummary([graded]);
    const records = parse(gradebook, { columns: true }) as Record<string, string>[];
    expect(records[0]['Student']).toBe('Points Possible');
    expect(records[1]['SIS Login ID']).toBe('fay-sequential');
    expect(Number(records[1][GRADEBOOK_ASSIGNMENT])).toBe(graded.score);
    expect(gradebook.split('\r\n').length).toBe(4);
  });
});
