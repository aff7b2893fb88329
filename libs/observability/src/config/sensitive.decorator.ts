const SENSITIVE_KEYS = Symbol('halfhour:sensitive-config-keys');

/** Marks a config property whose value must never appear in logs (passwords, keys, URLs with credentials). */
export function Sensitive(): PropertyDecorator {
  return (target, propertyKey) => {
    const keys: Set<string | symbol> = Reflect.getMetadata(SENSITIVE_KEYS, target) ?? new Set();
    keys.add(propertyKey);
    Reflect.defineMetadata(SENSITIVE_KEYS, keys, target);
  };
}

export function isSensitive(config: object, key: string): boolean {
  const keys: Set<string | symbol> | undefined = Reflect.getMetadata(SENSITIVE_KEYS, config);
  return keys?.has(key) ?? false;
}
