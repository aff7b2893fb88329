import 'reflect-metadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * A message class's rules compiled, once, into a plain function that says whether a parsed JSON
 * body passes them: the same rules class-validator applies (the classes stay the one source of
 * truth, and each rule runs through the very constraint class-validator would call), without its
 * per-message cost (looking the metadata up again, transforming into instances, building error
 * objects). It only accepts; `validateMessage` asks class-validator itself whenever it says no, so
 * a rejection's reason code and message come from one place.
 *
 * It mirrors class-validator's executor as `validateMessage` calls it (whitelist, forbid
 * non-whitelisted, forbid unknown values; no groups): a rule it does not mirror exactly (a
 * decorator with groups or `always`, an async constraint, a nested object without its `@Type`)
 * makes the class uncompilable, and class-validator alone decides for it.
 */
export type CompiledValidator = (body: unknown) => boolean;

type ObjectCheck = (object: Record<string, unknown>) => boolean;
/** A message class or a class nested in one. */
type RuleClass = new (...args: any[]) => object;

interface PropertyRules {
  property: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  constraints: { validate: (value: unknown, args: ValidationArguments) => unknown; each: boolean; constraints: unknown[] }[];
  /** The check of a nested object (or of each element of a nested array). */
  nested?: ObjectCheck;
}

class NotCompilable extends Error {}

const compiled = new Map<RuleClass, ObjectCheck | null>();
const validators = new Map<RuleClass, CompiledValidator | undefined>();

/** The compiled validator of a message class (made once), or undefined where class-validator alone must decide. */
export function compiledValidatorOf(messageClass: RuleClass): CompiledValidator | undefined {
  if (!validators.has(messageClass)) {
    const check = objectCheckOf(messageClass);
    validators.set(messageClass, check ? (body) => isPlainObject(body) && check(body) : undefined);
  }
  return validators.get(messageClass);
}

function objectCheckOf(target: RuleClass): ObjectCheck | undefined {
  if (!compiled.has(target)) {
    compiled.set(target, null); // a class nested in itself is not compilable
    let check: ObjectCheck | null;
    try {
      check = compileClass(target);
    } catch (error) {
      if (!(error instanceof NotCompilable)) throw error;
      check = null;
    }
    compiled.set(target, check);
  }
  return compiled.get(target) ?? undefined;
}

function compileClass(target: RuleClass): ObjectCheck {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', false, false);
  if (metadatas.length === 0) throw new NotCompilable(`${target.name} has no rules`); // forbidUnknownValues
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of metadatas) byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  const rules = [...byProperty].map(([property, list]) => compileProperty(target, property, list));
  const allowed = new Set(byProperty.keys());
  const targetName = target.name;
  return (object) => {
    for (const key of Object.keys(object)) if (!allowed.has(key)) return false;
    return rules.every((rule) => passes(rule, object, targetName));
  };
}

function compileProperty(target: RuleClass, property: string, metadatas: ValidationMetadata[]): PropertyRules {
  const rules: PropertyRules = { property, conditions: [], constraints: [] };
  for (const metadata of metadatas) {
    if ((metadata.groups?.length ?? 0) > 0 || metadata.always) throw new NotCompilable(`${target.name}.${property} uses groups`);
    switch (metadata.type) {
      case 'conditionalValidation':
        rules.conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
        break;
      case 'customValidation':
        for (const constraint of getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)) {
          if (constraint.async) throw new NotCompilable(`${target.name}.${property} is validated asynchronously`);
          const instance = constraint.instance;
          rules.constraints.push({ validate: (value, args) => instance.validate(value, args), each: metadata.each === true, constraints: metadata.constraints });
        }
        break;
      case 'nestedValidation': {
        const nestedClass = defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction() as RuleClass | undefined;
        if (!nestedClass) throw new NotCompilable(`${target.name}.${property} is nested without @Type`);
        const check = objectCheckOf(nestedClass);
        if (!check) throw new NotCompilable(`${target.name}.${property} holds a ${nestedClass.name}, which is not compilable`);
        rules.nested = check;
        break;
      }
      default:
        throw new NotCompilable(`${target.name}.${property} has a ${metadata.type} rule`);
    }
  }
  return rules;
}

/** One property, in class-validator's order: conditions (e.g. IsOptional) may skip it; then each constraint; then nested objects. */
function passes(rule: PropertyRules, object: Record<string, unknown>, targetName: string): boolean {
  const value = object[rule.property];
  for (const condition of rule.conditions) if (!condition(object, value)) return true;
  if (rule.constraints.length > 0) {
    const args: ValidationArguments = { targetName, property: rule.property, object, value, constraints: [] };
    for (const constraint of rule.constraints) {
      args.constraints = constraint.constraints;
      if (constraint.each && Array.isArray(value)) {
        for (const element of value) if (!constraint.validate(element, args)) return false;
      } else if (!constraint.validate(value, args)) {
        return false;
      }
    }
  }
  if (rule.nested && value !== undefined) {
    const check = rule.nested;
    if (Array.isArray(value)) return value.every((element) => isPlainObject(element) && check(element));
    return isPlainObject(value) && check(value);
  }
  return true;
}

/** A JSON object (not an array, not null): what a nested message class is made from. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
