/**
 * A stack's namespace (`--namespace`): what its topics' prefix and its databases' names carry, so
 * stacks and runs of different namespaces never meet on one broker and one PostgreSQL server.
 */
export function checkedNamespace(name: string): string {
  if (!/^[a-z][a-z0-9]{0,15}$/.test(name)) throw new RangeError(`--namespace must be a short lower-case name (a letter, then up to 15 letters and digits), not "${name}"`);
  return name;
}

/** A service's database in a namespace. */
export function namespacedDatabase(namespace: string, database: string): string {
  return `${namespace}_${database}`;
}
