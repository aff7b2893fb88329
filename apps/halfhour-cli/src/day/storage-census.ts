/** A table's rows and bytes on disk (indexes, TOAST and every partition included) at a moment of the run. */
export interface TableSize { service: string; table: string; rows: number; bytes: number }

/** What the run's stores and processes hold at the end of one of its days. */
export interface DayCensus { collectionDay: string; tables: TableSize[]; rssMb: Record<string, number> }

const TABLES_SQL = `
  SELECT c.relname AS table,
         CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0) FROM pg_partition_tree(c.oid) t) ELSE pg_total_relation_size(c.oid) END::bigint AS bytes
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  ORDER BY c.relname`;

type Query = <T>(sql: string, parameters: unknown[]) => Promise<T[]>;

/** Every table of one service's database, measured (exact row counts: for the run's small databases). */
export async function tableSizesOf(service: string, query: Query): Promise<TableSize[]> {
  const tables = await query<{ table: string; bytes: string }>(TABLES_SQL, []);
  return Promise.all(tables.map(async ({ table, bytes }) => {
    const [{ rows }] = await query<{ rows: number }>(`SELECT count(*)::int AS rows FROM "${table}"`, []);
    return { service, table, rows, bytes: Number(bytes) };
  }));
}
