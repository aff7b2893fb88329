import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { ALL_TOPICS } from '../topics/topic-registry';
import { MessageDefinition } from '../topics/topic-definition';
import { compiledValidatorOf } from './compiled-validator';
import { CLASS_VALIDATOR_OPTIONS } from './validate-message';

const DEFINITIONS: MessageDefinition<any>[] = [...new Set(ALL_TOPICS.flatMap((topic) => topic.messages))];

/** class-validator's own verdict, as validateMessage asks for it when the compiled validator says no (a shape it cannot read is refused). */
function classValidatorAccepts(messageClass: new () => object, body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  try {
    return validateSync(plainToInstance(messageClass, body), CLASS_VALIDATOR_OPTIONS).length === 0;
  } catch {
    return false;
  }
}

type Path = (string | number)[];

/** Every place in a JSON value a mutation can touch: each key of each object, each element of each array. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((element, i) => [[...prefix, i], ...pathsOf(element, [...prefix, i])]);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, v]) => [[...prefix, key], ...pathsOf(v, [...prefix, key])]);
  return [];
}

/** Values that sit on the edges of the contracts' rules. */
const EDGE_VALUES = [
  null, '', ' ', 0, -1, 1.5, 2 ** 64, true, [], {}, [{}], 'x'.repeat(301), '\uFE0F', 'MDRA', 'mdra', 'ABCDE', '2026-02-30', '2026-04-01',
  '2026-04-01T00:00:00Z', '2026-04-01T00:00:00+01:00', '2026-02-31T00:00:00Z', '2026-04-01T24:00:00Z', '1200001234566', '1200001234567', '00-DB-12-34-56-78-90-A0', '00-db-12-34-56-78-90-a0',
  'COMPLETE', 'ACTUAL', 'MISSING', 'MDR', 'ON_DEMAND', 'SCHEDULED', '4.8.1', '5.1', 'CSP-SOUTH', 'S1SP-A',
];

type Mutation = { kind: 'delete' | 'replace' | 'add'; at: number; value: unknown; key: string };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'replace', 'add'),
  at: fc.nat(),
  value: fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.jsonValue({ maxDepth: 2 })),
  key: fc.constantFrom('surprise', 'start', 'kwh', 'quality', 'mpan', '__proto__', 'constructor'),
});

/** The example with a few things deleted, replaced or added anywhere in it. */
function mutate(example: object, mutations: Mutation[]): unknown {
  const body = JSON.parse(JSON.stringify(example)) as Record<string, unknown>;
  for (const mutation of mutations) {
    const paths = pathsOf(body);
    if (paths.length === 0) break;
    const path = paths[mutation.at % paths.length];
    const parent = path.slice(0, -1).reduce<any>((node, step) => node[step], body);
    const last = path[path.length - 1];
    if (mutation.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else if (mutation.kind === 'replace') {
      parent[last] = structuredClone(mutation.value);
    } else {
      const target = parent[last];
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) Object.defineProperty(target, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
      else if (Array.isArray(target)) target.push(structuredClone(mutation.value));
    }
  }
  return body;
}

describe('compiled validators', () => {
  it('exist for every message class of every topic, so no consumer pays class-validator’s cost for a valid message', () => {
    expect(DEFINITIONS.filter((d) => !compiledValidatorOf(d.messageClass)).map((d) => d.messageClass.name)).toEqual([]);
  });

  it.each(DEFINITIONS.map((d) => [d.type, d] as const))('accept the contract’s own example of %s', (_type, definition) => {
    expect(compiledValidatorOf(definition.messageClass)!(definition.example)).toBe(true);
    expect(classValidatorAccepts(definition.messageClass, definition.example)).toBe(true);
  });

  // Where the compiled validator says no, validateMessage asks class-validator, so a stricter
  // answer only costs time (class-validator accepts a few oddities, e.g. an array nested in an
  // array of objects); a laxer one would let through what the contract refuses.
  it.each(DEFINITIONS.map((d) => [d.type, d] as const))('never accept what class-validator refuses, among anything made from the example of %s', (_type, definition) => {
    const compiled = compiledValidatorOf(definition.messageClass)!;
    fc.assert(
      fc.property(fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), (mutations) => {
        const body = mutate(definition.example, mutations);
        if (compiled(body)) expect({ body, classValidator: classValidatorAccepts(definition.messageClass, body) }).toEqual({ body, classValidator: true });
      }),
      { numRuns: 1000 },
    );
  });

  it.each(DEFINITIONS.map((d) => [d.type, d] as const))('accept nearly everything class-validator accepts among what is made from the example of %s', (_type, definition) => {
    const compiled = compiledValidatorOf(definition.messageClass)!;
    let accepted = 0;
    let alsoCompiled = 0;
    fc.assert(
      fc.property(fc.array(mutationArbitrary, { minLength: 1, maxLength: 2 }), (mutations) => {
        const body = mutate(definition.example, mutations);
        if (!classValidatorAccepts(definition.messageClass, body)) return;
        accepted++;
        if (compiled(body)) alsoCompiled++;
      }),
      // A measure of coverage, not of correctness: a fixed seed keeps it the same run to run.
      { numRuns: 300, seed: 162 },
    );
    expect(alsoCompiled).toBeGreaterThanOrEqual(accepted * 0.8);
  });

  it('refuse what is not a JSON object', () => {
    const compiled = compiledValidatorOf(DEFINITIONS[0].messageClass)!;
    for (const body of [null, undefined, 'text', 42, [DEFINITIONS[0].example]]) expect(compiled(body)).toBe(false);
  });
});
