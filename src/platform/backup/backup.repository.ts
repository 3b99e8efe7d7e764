import { sql } from 'drizzle-orm';
import { execRows as rows, type Db } from '../db/database.js';

export const MIGRATIONS_TABLE = '__drizzle_migrations';

/** Application tables of the public schema, parents before children (foreign keys). */
export async function listTables(db: Db): Promise<string[]> {
  const tables = (
    await rows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables
           where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> ${MIGRATIONS_TABLE}
           order by table_name`,
    )
  ).map((r) => r.name);
  const fks = await rows<{ child: string; parent: string }>(
    db,
    sql`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
          from pg_constraint c join pg_namespace n on n.oid = c.connamespace
         where c.contype = 'f' and n.nspname = 'public'`,
  );
  const clean = (t: string) => t.replace(/^public\./, '').replaceAll('"', '');
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of fks) if (clean(fk.child) === t && clean(fk.parent) !== t) visit(clean(fk.parent));
    ordered.push(t);
  };
  tables.forEach(visit);
  return ordered;
}

export async function migrationHashes(db: Db): Promise<string[]> {
  return (await rows<{ hash: string }>(db, sql`select hash from ${sql.identifier(MIGRATIONS_TABLE)} order by id`)).map((r) => r.hash);
}

export async function countRows(db: Db, table: string): Promise<number> {
  return (await rows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
}

async function primaryKeyColumns(db: Db, table: string): Promise<string[]> {
  return (
    await rows<{ col: string }>(
      db,
      sql`select a.attname as col from pg_index i
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
           where i.indrelid = ${`public.${table}`}::regclass and i.indisprimary order by a.attnum`,
    )
  ).map((r) => r.col);
}

/** Reads a table as JSON objects, a page at a time, in primary-key order. */
export async function* readTable(db: Db, table: string, pageSize: number): AsyncGenerator<Record<string, unknown>[]> {
  const pk = await primaryKeyColumns(db, table);
  const order = pk.length ? sql.join(pk.map((c) => sql.identifier(c)), sql`, `) : sql.raw('ctid');
  for (let offset = 0; ; offset += pageSize) {
    const page = await rows<{ r: Record<string, unknown> }>(
      db,
      sql`select row_to_json(t) as r from ${sql.identifier(table)} t order by ${order} limit ${pageSize} offset ${offset}`,
    );
    if (page.length === 0) return;
    yield page.map((p) => (typeof p.r === 'string' ? (JSON.parse(p.r) as Record<string, unknown>) : p.r));
    if (page.length < pageSize) return;
  }
}

export async function insertRows(tx: Db, table: string, batch: Record<string, unknown>[]): Promise<void> {
  const t = sql.identifier(table);
  await tx.execute(sql`insert into ${t} select * from json_populate_recordset(null::${t}, ${JSON.stringify(batch)}::json)`);
}

export async function truncateAll(tx: Db, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  await tx.execute(sql`truncate ${sql.join(tables.map((t) => sql.identifier(t)), sql`, `)} restart identity cascade`);
}

/** Moves every serial sequence past the restored rows. */
export async function resetSequences(tx: Db): Promise<void> {
  const seqs = await rows<{ tbl: string; col: string; seq: string }>(
    tx,
    sql`select c.table_name as tbl, c.column_name as col, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as seq
          from information_schema.columns c
         where c.table_schema = 'public' and c.column_default like 'nextval(%'`,
  );
  for (const s of seqs) {
    if (!s.seq) continue;
    await tx.execute(
      sql`select setval(${s.seq}, coalesce((select max(${sql.identifier(s.col)}) from ${sql.identifier(s.tbl)}), 0) + 1, false)`,
    );
  }
}
