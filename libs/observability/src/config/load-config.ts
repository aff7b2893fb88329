import 'reflect-metadata';
import { validateSync, ValidationError } from 'class-validator';
import { isProduction, PRODUCTION_REQUIRES } from './production-requires.decorator';
import { secretInEnvironment, secretSetting } from './secret-files';
import { isSensitive } from './sensitive.decorator';

type ConfigClass<T> = new () => T;

/** A service's configuration is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Builds a typed config from environment variables. Property names are the variable names;
 * property initialisers are the defaults (and say the type); class-validator decorators are the rules.
 * Throws ConfigError naming each bad variable, so a misconfigured service refuses to start.
 */
export interface LoadConfigOptions {
  /**
   * The process only migrates its database (`<service> migrate`): the rules that guard serving in
   * production (operator tokens, the DIP's signing pair…) do not apply to a migration Job.
   */
  forMigration?: boolean;
}

export function loadConfig<T extends object>(configClass: ConfigClass<T>, env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): T {
  const config = new configClass();
  const fields = config as Record<string, unknown>;
  const secretProblems: string[] = [];
  for (const key of Object.keys(fields)) {
    const { value, problem } = isSensitive(config, key) ? secretSetting(env, key) : { value: env[key] };
    if (problem) secretProblems.push(problem);
    if (value !== undefined && value !== '') fields[key] = convertLike(fields[key], value);
  }
  if (isProduction(config)) {
    for (const key of Object.keys(fields).filter((k) => isSensitive(config, k))) secretProblems.push(secretInEnvironment(env, key) ?? '');
  }
  const errors = validateSync(config, { forbidUnknownValues: true })
    .map((error) => (options.forMigration ? withoutServingRules(error) : error))
    .filter((error) => Object.keys(error.constraints ?? {}).length > 0);
  const problems = [...secretProblems.filter((p) => p !== ''), ...errors.map((error) => describeProblem(config, error))];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function withoutServingRules(error: ValidationError): ValidationError {
  const constraints = Object.fromEntries(Object.entries(error.constraints ?? {}).filter(([name]) => name !== PRODUCTION_REQUIRES));
  return Object.assign(Object.create(Object.getPrototypeOf(error) as object) as ValidationError, error, { constraints });
}

/** Environment values are text; a default's type says what the text should become. */
function convertLike(defaultValue: unknown, text: string): unknown {
  if (typeof defaultValue === 'number' && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  if (typeof defaultValue === 'boolean' && /^(true|false)$/i.test(text.trim())) return /^true$/i.test(text.trim());
  return text;
}

function describeProblem(config: object, error: ValidationError): string {
  const shown = isSensitive(config, error.property) ? '(hidden)' : JSON.stringify(error.value);
  const rules = Object.values(error.constraints ?? {}).join(', ');
  return `${error.property}=${shown}: ${rules}`;
}

/** The config as it may be logged at boot: sensitive values masked. */
export function describeConfig(config: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, isSensitive(config, key) ? '***' : value]),
  );
}

/**
 * loadConfig for a service's entry point: on bad configuration, writes one JSON line naming every
 * bad variable to stderr and exits with status 78 (EX_CONFIG), before anything starts.
 */
export function loadConfigOrExit<T extends object>(configClass: ConfigClass<T>, env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): T {
  try {
    return loadConfig(configClass, env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: error.message, problems: error.problems })}\n`);
    process.exit(78);
  }
}
