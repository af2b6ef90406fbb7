import Ajv from 'ajv';
import schema from './results.schema.json';

/** Gradescope's results.json format as a JSON Schema (draft-07), written from Gradescope's autograder documentation. */
export const gradescopeSchema: Readonly<Record<string, unknown>> = schema;

const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(
  schema,
);

/** Every way `json` departs from Gradescope's results format, as readable lines; empty when it conforms. */
export function validateGradescopeResults(json: unknown): string[] {
  if (validate(json)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `results.json${e.instancePath || ''}: ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")` : ''}`,
  );
}
