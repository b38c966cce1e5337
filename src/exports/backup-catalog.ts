import { Prisma } from '@prisma/client';

type Reader = Pick<Prisma.TransactionClient, '$queryRaw'>;

/** The identifier of the full export format; `version` changes when its layout does. */
export const FULL_EXPORT_FORMAT = 'forecast-ledger-full-export';
export const FULL_EXPORT_VERSION = 1;

/**
 * Tables left out of the full export, with the reason. Every other table of the schema is
 * exported, so a table added later is backed up unless it is listed here.
 */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  _prisma_migrations: "Prisma's own bookkeeping: the target database has its own, from its migrations.",
  api_keys: 'Secrets: keys are issued again by an admin after a restore.',
  app_role_credentials: "The service role's password: the restoring database makes its own.",
  final_estimates: 'Derived from estimates and resolutions: the database works it out again as they are restored.',
  idempotency_records: 'Stored answers to retried requests, kept for a day; meaningless in another database.',
  import_jobs: "The restoring database's own log of imports; a restore adds one of its own.",
  password_credentials: 'Secrets (password hashes): people set their passwords again through links an admin makes after a restore.',
  password_links: 'Secrets: one-time links, valid for hours; an admin makes new ones.',
  rate_limit_counters: 'Request counts of the current minute: meaningless in another database, and gone within a minute.',
  scorecard_data_marks: "A writing transaction's mark, deleted at its commit: always empty outside one (and the service may not read it).",
  scorecard_data_version: "The restoring database's own count of changes to what scorecards read: the restore's writes bump it.",
  sessions: 'Signed-in browsers: secrets, and bound to the database that issued them; people sign in again.',
  table_privileges: "The privilege policy is part of the schema: the restoring database's migrations made it.",
};

export interface BackupColumn {
  name: string;
  /** PostgreSQL's type name (udt_name): uuid, text, timestamptz, _text (an array of text), an enum's name… */
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  /** Filled by a sequence (bigserial): set past the highest restored value afterwards. */
  serial: boolean;
  /** The labels, when the type is an enum. */
  enumValues: string[] | null;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  primaryKey: string[];
  /** Single-column foreign keys (the only kind this schema has), checked before a restore writes. */
  foreignKeys: { column: string; refTable: string; refColumn: string }[];
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  nullable: boolean;
  has_default: boolean;
  serial: boolean;
}

/**
 * The exported tables in an order where every table comes after the tables it references (so a
 * restore can insert them in that order), ties broken by name so the export is stable.
 */
export async function readBackupCatalog(db: Reader): Promise<BackupTable[]> {
  const [columns, enums, keys, foreignKeys] = await Promise.all([
    db.$queryRaw<ColumnRow[]>(Prisma.sql`
      SELECT c.table_name::text AS table_name, c.column_name::text AS column_name, c.udt_name::text AS udt_name,
             c.is_nullable = 'YES' AS nullable, c.column_default IS NOT NULL AS has_default,
             COALESCE(c.column_default LIKE 'nextval(%', false) AS serial
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`),
    db.$queryRaw<{ name: string; labels: string[] }[]>(Prisma.sql`
      SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
      GROUP BY t.typname`),
    db.$queryRaw<{ table_name: string; column_name: string }[]>(Prisma.sql`
      SELECT tc.table_name::text AS table_name, kcu.column_name::text AS column_name
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu
        ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name
      WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'
      ORDER BY tc.table_name, kcu.ordinal_position`),
    db.$queryRaw<{ table_name: string; column_name: string; ref_table: string; ref_column: string }[]>(Prisma.sql`
      SELECT src.relname::text AS table_name, a.attname::text AS column_name, ref.relname::text AS ref_table, af.attname::text AS ref_column
      FROM pg_constraint c
      JOIN pg_class src ON src.oid = c.conrelid
      JOIN pg_class ref ON ref.oid = c.confrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND cardinality(c.conkey) = 1
      ORDER BY 1, 2`),
  ]);
  const enumValues = new Map(enums.map((row) => [row.name, row.labels]));
  const tables = new Map<string, BackupTable>();
  for (const row of columns) {
    if (row.table_name in EXCLUDED_TABLES) continue;
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [], primaryKey: [], foreignKeys: [] };
    table.columns.push({
      name: row.column_name,
      type: row.udt_name,
      nullable: row.nullable,
      hasDefault: row.has_default,
      serial: row.serial,
      enumValues: enumValues.get(row.udt_name.replace(/^_/, '')) ?? null,
    });
    tables.set(row.table_name, table);
  }
  for (const key of keys) tables.get(key.table_name)?.primaryKey.push(key.column_name);
  for (const key of foreignKeys) {
    if (!tables.has(key.ref_table)) continue;
    tables.get(key.table_name)?.foreignKeys.push({ column: key.column_name, refTable: key.ref_table, refColumn: key.ref_column });
  }
  return referencedFirst([...tables.values()]);
}

function referencedFirst(tables: BackupTable[]): BackupTable[] {
  const remaining = new Map(tables.map((table) => [table.name, table]));
  const ordered: BackupTable[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining.values()]
      .filter((table) => table.foreignKeys.every((key) => key.refTable === table.name || !remaining.has(key.refTable)))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (ready.length === 0) throw new Error(`Foreign keys form a cycle among ${[...remaining.keys()].join(', ')}`);
    for (const table of ready) {
      ordered.push(table);
      remaining.delete(table.name);
    }
  }
  return ordered;
}

/** The newest migration applied: which schema an export's rows follow. */
export async function schemaVersion(db: Reader): Promise<string | null> {
  const rows = await db.$queryRaw<{ name: string }[]>(Prisma.sql`
    SELECT migration_name AS name FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
    ORDER BY migration_name DESC LIMIT 1`);
  return rows[0]?.name ?? null;
}
