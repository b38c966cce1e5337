// Prisma CLI configuration: migrations run through the WebAssembly schema engine, so no native
// engine is ever downloaded. See docs/prisma-offline.md for what was verified and why.
import { PrismaPg } from '@prisma/adapter-pg';
import Result from 'pg/lib/result.js';
import { defineConfig } from 'prisma/config';

interface FieldDescription {
  dataTypeID: number;
  internalChar?: boolean;
}

// Upstream bug (prisma/prisma#27403): the WASM schema engine cannot deserialize catalog columns of
// types "char", name and friends, which @prisma/adapter-pg reports as unsupported. They are read as
// text (their arrays as text[]); "char" columns (pg_constraint.contype, ...) are then reported to
// the engine as single characters, which is what its catalog queries expect (with text, reading
// a CHECK constraint hits "RuntimeError: unreachable").
const INTERNAL_CHAR_OID = 18;
const CATALOG_TEXT_OIDS = new Set([INTERNAL_CHAR_OID, 19, 22, 24, 30, 194, 2205, 2206]);
const CATALOG_TEXT_ARRAY_OIDS = new Set([1002, 1003]);
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
const CHARACTER_COLUMN_TYPE = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

type ResultPrototype = { addFields: (this: ResultPrototype, fields: FieldDescription[]) => void };
const resultPrototype = (Result as unknown as { prototype: ResultPrototype }).prototype;
const originalAddFields = resultPrototype.addFields;
resultPrototype.addFields = function addFields(this: ResultPrototype, fields: FieldDescription[]) {
  for (const field of fields) {
    if (field.dataTypeID === INTERNAL_CHAR_OID) field.internalChar = true;
    if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    else if (CATALOG_TEXT_ARRAY_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_ARRAY_OID;
  }
  originalAddFields.call(this, fields);
};

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
interface ScriptRunner {
  query(sql: string): Promise<unknown>;
}
interface QueryIO {
  performIO(query: unknown): Promise<{ fields?: FieldDescription[] }>;
}

// Upstream bug in 6.19's executeScript(): it splits a migration on every ";", which breaks function
// bodies ($$ ... ; ... $$) and comments containing ";". PostgreSQL's simple query protocol runs a
// whole multi-statement script (in one implicit transaction), so the script is sent as it is.
function patchForSchemaEngine(adapter: PgAdapter): PgAdapter {
  const io = adapter as unknown as QueryIO;
  const performIO = io.performIO.bind(io);
  const queryRaw = adapter.queryRaw.bind(adapter);
  // The schema engine runs its catalog queries one at a time, so one slot per adapter suffices.
  let charColumns: number[] = [];
  io.performIO = async (query) => {
    const result = await performIO(query);
    charColumns = (result.fields ?? []).flatMap((field, index) => (field.internalChar ? [index] : []));
    return result;
  };
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns) result.columnTypes[index] = CHARACTER_COLUMN_TYPE;
    return result;
  };
  const driver = adapter.underlyingDriver() as ScriptRunner;
  const reportError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await driver.query(script);
    } catch (error) {
      reportError(error);
    }
  };
  return adapter;
}

// Upstream bug in 6.19's connectToShadowDb(): built from a connection string, it connects to the
// main database instead of the shadow one, and drops the shadow database while its own pool is
// still connected. This factory connects by URL to the shadow database and releases it before
// dropping it.
class OfflineSafePrismaPg extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super({ connectionString });
  }

  override async connect() {
    return patchForSchemaEngine(await super.connect());
  }

  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadowUrl = new URL(this.connectionString);
    shadowUrl.pathname = `/${database}`;
    const shadow = patchForSchemaEngine(await new PrismaPg({ connectionString: shadowUrl.toString() }).connect());
    const releaseShadow = shadow.dispose.bind(shadow);
    const dispose = async () => {
      await releaseShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return Object.assign(shadow, { dispose });
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: () => {
    const url = process.env.DATABASE_URL;
    if (!url) return Promise.reject(new Error('DATABASE_URL must be set for Prisma CLI commands (npm run db:migrate sets it for you)'));
    return Promise.resolve(new OfflineSafePrismaPg(url));
  },
});
