import { readFileSync } from 'node:fs';

/**
 * Secrets as files: a sensitive setting `NAME` may be given as `NAME_FILE`, the path of a file
 * holding it (a mounted Kubernetes Secret; Docker's `_FILE` convention), read once at start, its
 * final line break dropped. In production a secret must come so: an environment variable is seen
 * by anything that can read the process's environment or the pod's spec.
 */
export function secretSetting(env: NodeJS.ProcessEnv, key: string): { value?: string; problem?: string } {
  const file = env[`${key}_FILE`];
  if (file === undefined || file === '') return { value: env[key] };
  if (env[key] !== undefined && env[key] !== '') return { problem: `${key} and ${key}_FILE are both set: give one` };
  try {
    return { value: readFileSync(file, 'utf8').replace(/\r?\n$/, '') };
  } catch (error) {
    return { problem: `${key}_FILE="${file}": cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

/** The refusal, in production, of a secret given in the environment rather than as a file. */
export function secretInEnvironment(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const value = env[key];
  return value !== undefined && value !== '' ? `${key}=(hidden): must come from a file in production (${key}_FILE, a mounted Secret), never the environment` : undefined;
}
