import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Serialises start-ups of several instances while they create or check the service's role. */
const PROVISIONING_LOCK = 'forecast-ledger:app-role';

export class AppRoleError extends Error {}

export interface AppRole {
  /** The role the service connects as. */
  name: string;
  /** DATABASE_URL with that role's name and password (or APP_DATABASE_URL as given). */
  url: string;
}

interface RoleFacts {
  rolsuper: boolean;
  rolbypassrls: boolean;
  owns_tables: boolean;
  can_set_replication_role: boolean;
}

/**
 * The login role the service connects as: never a superuser, never the owner of the tables. With
 * `appUrl` (APP_DATABASE_URL) that role is checked and granted its privileges; without it, the
 * owner (`ownerUrl`, which ran the migrations) makes a role of its own the first time, keeps its
 * random password in app_role_credentials (which only the owner can read) and reuses it after.
 * Either way the grants follow table_privileges (grant_app_privileges), applied afresh each start.
 */
export async function provisionAppRole(ownerUrl: string, appUrl?: string): Promise<AppRole> {
  const owner = new pg.Client({ connectionString: ownerUrl, application_name: 'forecast-ledger provisioning' });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    await owner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [PROVISIONING_LOCK]);
    const role = appUrl ? { name: decodeURIComponent(new URL(appUrl).username), url: appUrl } : await ownRole(owner, ownerUrl);
    await assertLeastPrivilege(owner, role.name);
    await owner.query(
      `GRANT CONNECT ON DATABASE ${owner.escapeIdentifier(await currentDatabase(owner))} TO ${owner.escapeIdentifier(role.name)}`,
    );
    await owner.query('SELECT grant_app_privileges($1)', [role.name]);
    await owner.query('COMMIT');
    return role;
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await owner.end();
  }
}

async function currentDatabase(client: pg.Client): Promise<string> {
  return (await client.query<{ name: string }>('SELECT current_database() AS name')).rows[0].name;
}

async function ownRole(owner: pg.Client, ownerUrl: string): Promise<AppRole> {
  let stored = (await owner.query<{ role_name: string; password: string }>('SELECT role_name, password FROM app_role_credentials')).rows[0];
  if (!stored) {
    stored = { role_name: `forecast_ledger_app_${randomBytes(4).toString('hex')}`, password: randomBytes(24).toString('base64url') };
    await owner.query('INSERT INTO app_role_credentials (role_name, password) VALUES ($1, $2)', [stored.role_name, stored.password]);
  }
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(stored.role_name);
  url.password = encodeURIComponent(stored.password);
  if (!(await canLogIn(url.toString()))) {
    const facts = (
      await owner.query<{ may: boolean }>('SELECT rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user')
    ).rows[0];
    if (!facts?.may) {
      throw new AppRoleError(
        `The role of DATABASE_URL may not create roles, so the service cannot make its own least-privilege role. ` +
          `Create a login role for the service (neither superuser nor owner of the tables) and set APP_DATABASE_URL to it: see docs/database.md.`,
      );
    }
    const name = owner.escapeIdentifier(stored.role_name);
    const password = owner.escapeLiteral(stored.password);
    const exists = (await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [stored.role_name])).rowCount === 1;
    await owner.query(
      exists
        ? `ALTER ROLE ${name} WITH LOGIN PASSWORD ${password}`
        : `CREATE ROLE ${name} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${password}`,
    );
  }
  return { name: stored.role_name, url: url.toString() };
}

/** A first connection as the role: most start-ups find it there already and change nothing. */
async function canLogIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function assertLeastPrivilege(owner: pg.Client, role: string): Promise<void> {
  const facts = (
    await owner.query<RoleFacts>(
      `SELECT r.rolsuper, r.rolbypassrls,
              EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace
                         AND pg_has_role(r.oid, c.relowner, 'USAGE')) AS owns_tables,
              has_parameter_privilege(r.oid, 'session_replication_role', 'SET') AS can_set_replication_role
         FROM pg_roles r WHERE r.rolname = $1`,
      [role],
    )
  ).rows[0];
  if (!facts) throw new AppRoleError(`The service's database role "${role}" does not exist (APP_DATABASE_URL)`);
  const problems = [
    facts.rolsuper && 'is a superuser',
    facts.rolbypassrls && 'bypasses row-level security',
    facts.owns_tables && "owns the tables (or is a member of their owner's role)",
    facts.can_set_replication_role && 'may set session_replication_role (which switches triggers off)',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new AppRoleError(
      `The service's database role "${role}" ${problems.join(', ')}: it could get around the append-only rules. ` +
        `Connect the service as a role without these rights (APP_DATABASE_URL; docs/database.md).`,
    );
  }
}
