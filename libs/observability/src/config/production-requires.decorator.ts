import { ValidateBy, ValidationOptions } from 'class-validator';

/** The rule's name, as class-validator reports it. */
export const PRODUCTION_REQUIRES = 'productionRequires';

/** True when the config describes a production deployment (NODE_ENV=production, as the image sets it). */
export function isProduction(config: object): boolean {
  return (config as { NODE_ENV?: string }).NODE_ENV === 'production';
}

/**
 * A rule that holds only in production: a development convenience (a throwaway key, a plain-http
 * simulator, a simulated clock) that must never reach a real deployment makes the service refuse
 * to start there, naming the setting.
 */
export function ProductionRequires(holds: (value: unknown) => boolean, what: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: PRODUCTION_REQUIRES,
      validator: {
        validate: (value, args) => !isProduction(args?.object ?? {}) || holds(value),
        defaultMessage: () => `must be ${what} in production (NODE_ENV=production)`,
      },
    },
    options,
  );
}
