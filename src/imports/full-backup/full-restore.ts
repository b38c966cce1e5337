import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { IssueList } from '../import-issues.js';
import {
  FULL_EXPORT_FORMAT,
  FULL_EXPORT_VERSION,
  readBackupCatalog,
  schemaVersion,
  type BackupColumn,
  type BackupTable,
} from '../../exports/backup-catalog.js';
import { identifier } from '../../prisma/sql-identifier.js';

type Db = Prisma.TransactionClient;
type Row = Record<string, unknown>;

/** Rows per INSERT … SELECT FROM json_populate_recordset. */
const RESTORE_BATCH_ROWS = 2_000;
/** Values per existence lookup of referenced rows. */
const LOOKUP_CHUNK = 5_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** A key value as text (keys are UUIDs, texts or integers, checked before). */
const keyText = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);

const isObject = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface RestoreTable {
  table: BackupTable;
  /** The rows that passed the checks… */
  rows: Row[];
  /** …and where each stands in the file's array, for error paths. */
  positions: number[];
  /** The columns the file gives, in the table's order: what is inserted. */
  columns: BackupColumn[];
}

/** A checked export, ready to be written. */
export interface CheckedExport {
  total: number;
  tables: RestoreTable[];
  errors: IssueList;
  skipped: IssueList;
}

export type TableCounts = Record<string, number>;

/** Why a value does not fit its column, or null when it does. */
function valueProblem(column: BackupColumn, value: unknown): string | null {
  if (value === null) return column.nullable ? null : 'must not be null';
  const type = column.type;
  if (column.enumValues && !type.startsWith('_')) {
    return typeof value === 'string' && column.enumValues.includes(value) ? null : `must be one of ${column.enumValues.join(', ')}`;
  }
  if (type.startsWith('_')) {
    if (!Array.isArray(value)) return 'must be an array';
    const element: BackupColumn = { ...column, type: type.slice(1), nullable: true };
    const bad = value.map((item) => valueProblem(element, item)).find((problem) => problem !== null);
    return bad ? `has an element that ${bad}` : null;
  }
  switch (type) {
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? null : 'must be a UUID';
    case 'text':
    case 'varchar':
    case 'bpchar':
      return typeof value === 'string' ? null : 'must be a string';
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? null : 'must be a date (YYYY-MM-DD)';
    case 'timestamptz':
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be a date-time';
    case 'float4':
    case 'float8':
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'int2':
    case 'int4':
    case 'int8':
      return (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value))
        ? null
        : 'must be an integer';
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be true or false';
    default:
      return null;
  }
}

/**
 * Restores a full export (GET /exports/full.json): every row keeps its id and timestamps, so an
 * export of the restored database reads the same as the original. Rows whose primary key is here
 * already are left as they are (a second restore of one file creates nothing); any other conflict
 * (the same email under another id) fails the import as a whole.
 */
@Injectable()
export class FullRestore {
  /** Checks the file against the schema here: tables, columns, types, keys and references. */
  async check(db: Db, body: unknown): Promise<CheckedExport> {
    const errors = new IssueList();
    const skipped = new IssueList();
    const result: CheckedExport = { total: 0, tables: [], errors, skipped };
    if (!isObject(body)) {
      errors.add(null, '(body)', 'expected the JSON document GET /exports/full.json writes');
      return result;
    }
    if (body.format !== FULL_EXPORT_FORMAT) errors.add(null, 'format', `format must be "${FULL_EXPORT_FORMAT}"`);
    if (body.version !== FULL_EXPORT_VERSION)
      errors.add(null, 'version', `version ${String(body.version)} is not supported (this service reads ${FULL_EXPORT_VERSION})`);
    if (!isObject(body.tables)) {
      errors.add(null, 'tables', 'tables must be an object of table name → rows');
      return result;
    }
    const here = await schemaVersion(db);
    if (typeof body.schemaVersion === 'string' && body.schemaVersion !== here) {
      skipped.add(
        null,
        'schemaVersion',
        `exported at schema ${body.schemaVersion}, restored into ${here ?? 'an unmigrated database'}: columns added since take their defaults`,
      );
    }
    const catalog = await readBackupCatalog(db);
    const known = new Map(catalog.map((table) => [table.name, table]));
    for (const name of Object.keys(body.tables)) {
      if (!known.has(name)) errors.add(null, `tables.${name}`, `"${name}" is not a table this service exports`);
    }
    const keys = new Map<string, Set<string>>();
    for (const table of catalog) {
      const rows: unknown = body.tables[table.name];
      if (rows === undefined) continue;
      if (!Array.isArray(rows)) {
        errors.add(null, `tables.${table.name}`, 'must be an array of rows');
        continue;
      }
      result.total += rows.length;
      const checked = this.checkRows(table, rows, errors);
      result.tables.push(checked);
      if (table.primaryKey.length === 1) keys.set(table.name, new Set(checked.rows.map((row) => String(row[table.primaryKey[0]]))));
    }
    await this.checkReferences(db, result.tables, keys, catalog, errors);
    return result;
  }

  private checkRows(table: BackupTable, rows: unknown[], errors: IssueList): RestoreTable {
    const byName = new Map(table.columns.map((column) => [column.name, column]));
    const given = new Set<string>();
    for (const row of rows) if (isObject(row)) for (const key of Object.keys(row)) given.add(key);
    for (const key of given)
      if (!byName.has(key)) errors.add(null, `tables.${table.name}[].${key}`, `${table.name} has no column "${key}"`);
    const columns = table.columns.filter((column) => given.has(column.name));
    const required = table.columns.filter((column) => !column.nullable && (!column.hasDefault || given.has(column.name)));
    const seenKeys = new Map<string, number>();
    const valid: Row[] = [];
    const positions: number[] = [];
    rows.forEach((row, index) => {
      const path = `tables.${table.name}[${index}]`;
      if (!isObject(row)) {
        errors.add(null, path, 'a row must be an object');
        return;
      }
      let ok = true;
      for (const column of required) {
        if (row[column.name] === undefined) {
          errors.add(null, `${path}.${column.name}`, `${column.name} is missing`);
          ok = false;
        }
      }
      for (const column of columns) {
        const value = row[column.name];
        if (value === undefined) continue;
        const problem = valueProblem(column, value);
        if (problem) {
          errors.add(null, `${path}.${column.name}`, `${column.name} ${problem}`);
          ok = false;
        }
      }
      if (table.primaryKey.length > 0) {
        const key = JSON.stringify(table.primaryKey.map((column) => row[column]));
        const first = seenKeys.get(key);
        if (first !== undefined) {
          errors.add(null, path, `the same primary key as tables.${table.name}[${first}]`);
          ok = false;
        } else seenKeys.set(key, index);
      }
      if (ok) {
        valid.push(row);
        positions.push(index);
      }
    });
    return { table, rows: valid, positions, columns };
  }

  /** Every reference must point at a row of the file or a row here. */
  private async checkReferences(
    db: Db,
    tables: RestoreTable[],
    keysInFile: Map<string, Set<string>>,
    catalog: BackupTable[],
    errors: IssueList,
  ): Promise<void> {
    const byName = new Map(catalog.map((table) => [table.name, table]));
    for (const { table, rows, positions } of tables) {
      for (const key of table.foreignKeys) {
        const inFile = keysInFile.get(key.refTable) ?? new Set<string>();
        const outside = new Set<string>();
        for (const row of rows) {
          const value = keyText(row[key.column]);
          if (value !== null && !inFile.has(value)) outside.add(value);
        }
        if (outside.size === 0) continue;
        const refType = byName.get(key.refTable)?.columns.find((column) => column.name === key.refColumn)?.type ?? 'text';
        const present = new Set<string>();
        const values = [...outside];
        for (let start = 0; start < values.length; start += LOOKUP_CHUNK) {
          const found = await db.$queryRaw<{ value: string }[]>(Prisma.sql`
            SELECT ${identifier(key.refColumn)}::text AS value FROM ${identifier(key.refTable)}
            WHERE ${identifier(key.refColumn)} = ANY(CAST(${values.slice(start, start + LOOKUP_CHUNK)} AS ${Prisma.raw(`${refType}[]`)}))`);
          for (const row of found) present.add(row.value);
        }
        rows.forEach((row, index) => {
          const value = keyText(row[key.column]);
          if (value !== null && outside.has(value) && !present.has(value)) {
            errors.add(
              null,
              `tables.${table.name}[${positions[index]}].${key.column}`,
              `refers to ${key.refTable} ${value}, which is neither in the file nor here`,
            );
          }
        });
      }
    }
  }

  /**
   * Inserts the checked rows in reference order. A row whose primary key is here already is left
   * as it is: counted as matched when it reads the same, reported when it differs. Ids drawn from a
   * sequence (audit entries) are not identities across databases, so such a clash is an error:
   * the file's entry would be lost.
   */
  async write(
    tx: Db,
    checked: CheckedExport,
    progress: (written: number, total: number) => Promise<void>,
  ): Promise<{ created: TableCounts; matched: TableCounts; errors: IssueList; differing: IssueList }> {
    const created: TableCounts = {};
    const matched: TableCounts = {};
    const errors = new IssueList();
    const differing = new IssueList();
    let written = 0;
    const total = checked.tables.reduce((sum, entry) => sum + entry.rows.length, 0);
    for (const { table, rows, positions, columns } of checked.tables) {
      if (rows.length === 0) {
        // A table the file lists empty (it names no columns either): nothing to insert.
        created[table.name] = 0;
        matched[table.name] = 0;
        continue;
      }
      const names = Prisma.join(columns.map((column) => identifier(column.name)));
      const key = table.primaryKey.map((column) => identifier(column));
      const conflict = key.length > 0 ? Prisma.sql`ON CONFLICT (${Prisma.join(key)}) DO NOTHING` : Prisma.empty;
      const serialKey = table.columns.some((column) => column.serial && table.primaryKey.includes(column.name));
      const indexOfKey = new Map(rows.map((row, index) => [JSON.stringify(table.primaryKey.map((column) => row[column])), index]));
      let inserted = 0;
      for (let start = 0; start < rows.length; start += RESTORE_BATCH_ROWS) {
        const batch = JSON.stringify(rows.slice(start, start + RESTORE_BATCH_ROWS));
        const source = Prisma.sql`json_populate_recordset(NULL::${identifier(table.name)}, ${batch}::json)`;
        const count = await tx.$executeRaw(Prisma.sql`
          INSERT INTO ${identifier(table.name)} (${names}) SELECT ${names} FROM ${source} ${conflict}`);
        inserted += count;
        if (key.length > 0 && count < Math.min(RESTORE_BATCH_ROWS, rows.length - start)) {
          const clashes = await tx.$queryRaw<{ key: string }[]>(Prisma.sql`
            SELECT json_build_array(${Prisma.join(table.primaryKey.map((column) => Prisma.sql`f.${identifier(column)}`))})::text AS key
            FROM ${source} f JOIN ${identifier(table.name)} t
              ON (${Prisma.join(table.primaryKey.map((column) => Prisma.sql`t.${identifier(column)}`))})
               = (${Prisma.join(table.primaryKey.map((column) => Prisma.sql`f.${identifier(column)}`))})
            WHERE (${Prisma.join(columns.map((column) => Prisma.sql`t.${identifier(column.name)}`))})
              IS DISTINCT FROM (${Prisma.join(columns.map((column) => Prisma.sql`f.${identifier(column.name)}`))})`);
          for (const clash of clashes) {
            const index = indexOfKey.get(JSON.stringify(JSON.parse(clash.key)));
            const path = `tables.${table.name}[${index === undefined ? '?' : positions[index]}]`;
            if (serialKey)
              errors.add(null, path, `${table.name} ${clash.key} is taken here by a different row: restore into an empty database`);
            else differing.add(null, path, `a row with this key is here already and differs from the file's: left as it is here`);
          }
        }
        written += rows.length - start < RESTORE_BATCH_ROWS ? rows.length - start : RESTORE_BATCH_ROWS;
        await progress(written, total);
      }
      created[table.name] = inserted;
      matched[table.name] = rows.length - inserted;
      for (const column of table.columns.filter((c) => c.serial)) await this.advanceSequence(tx, table.name, column.name);
    }
    return { created, matched, errors, differing };
  }

  /** For a dry run: how many rows of each table are here already (by primary key), without writing. */
  async countPresent(db: Db, checked: CheckedExport): Promise<TableCounts> {
    const present: TableCounts = {};
    for (const { table, rows } of checked.tables) {
      present[table.name] = 0;
      if (table.primaryKey.length === 0) continue;
      const keyOf = (alias: string) =>
        Prisma.join(table.primaryKey.map((column) => Prisma.sql`${Prisma.raw(alias)}.${identifier(column)}`));
      for (let start = 0; start < rows.length; start += RESTORE_BATCH_ROWS) {
        const batch = JSON.stringify(rows.slice(start, start + RESTORE_BATCH_ROWS));
        const [row] = await db.$queryRaw<{ count: number }[]>(Prisma.sql`
          SELECT count(*)::int AS count FROM json_populate_recordset(NULL::${identifier(table.name)}, ${batch}::json) f
          WHERE EXISTS (SELECT 1 FROM ${identifier(table.name)} t WHERE (${keyOf('t')}) = (${keyOf('f')}))`);
        present[table.name] += row?.count ?? 0;
      }
    }
    return present;
  }

  /** A restored bigserial column's sequence must continue after the highest restored value. */
  private async advanceSequence(tx: Db, table: string, column: string): Promise<void> {
    await tx.$queryRaw(Prisma.sql`
      SELECT setval(s.sequence, m.highest)
      FROM (SELECT pg_get_serial_sequence(${`public.${table}`}, ${column}) AS sequence) s,
           (SELECT MAX(${identifier(column)}) AS highest FROM ${identifier(table)}) m
      WHERE s.sequence IS NOT NULL AND m.highest IS NOT NULL
        AND m.highest > COALESCE((SELECT last_value FROM pg_sequences WHERE schemaname || '.' || sequencename = s.sequence), 0)`);
  }
}
