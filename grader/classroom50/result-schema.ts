import Ajv2020 from 'ajv/dist/2020';
import schema from './result-v1.schema.json';

/** Classroom 50's result.json (`classroom50/result/v1`) as a JSON Schema (draft 2020-12), copied from its published schema. */
export const classroom50Schema: Readonly<Record<string, unknown>> = schema;

const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

interface Scored {
  readonly score?: unknown;
  readonly 'max-score'?: unknown;
}

/**
 * Every way `json` departs from Classroom 50's result format, as readable lines; empty when it
 * conforms. The schema's structure first, then the cross-field rules its description leaves to
 * code, as Classroom 50's runner checks them: the score is at most the maximum, overall and for
 * each test.
 */
export function validateClassroom50Result(json: unknown): string[] {
  if (!validate(json))
    return (validate.errors ?? []).map(
      (e) =>
        `result.json${e.instancePath || ''}: ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")` : ''}`,
    );
  const result = json as unknown as Scored & { readonly tests: readonly Scored[] };
  const problems: string[] = [];
  const overMaximum = (where: string, scored: Scored) => {
    if ((scored.score as number) > (scored['max-score'] as number))
      problems.push(`${where}: score ${String(scored.score)} is more than max-score ${String(scored['max-score'])}`);
  };
  overMaximum('result.json', result);
  result.tests.forEach((test, i) => overMaximum(`result.json/tests/${i}`, test));
  return problems;
}
