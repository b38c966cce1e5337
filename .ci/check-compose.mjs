// No Docker engine runs on CI machines, so docker-compose.yml and the Dockerfile are checked by
// reading: they parse, and they say what the README promises.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

const compose = parse(await readFile('docker-compose.yml', 'utf8'));
const dockerfile = await readFile('Dockerfile', 'utf8');
const problems = [];
const expect = (ok, message) => ok || problems.push(message);

const { db, api } = compose.services ?? {};
expect(/^postgres:17/.test(db?.image ?? ''), 'db must run PostgreSQL 17 (18 breaks the WASM schema engine)');
expect(db?.healthcheck?.test, 'db needs a healthcheck');
expect(
  (db?.volumes ?? []).some((v) => String(v).endsWith(':/var/lib/postgresql/data')),
  'db needs a volume for its data',
);
expect(api?.build, 'api must be built from the Dockerfile');
expect(api?.depends_on?.db?.condition === 'service_healthy', 'api must wait for a healthy db');
expect(/^postgresql:\/\/.+@db:5432\//.test(api?.environment?.DATABASE_URL ?? ''), 'api needs DATABASE_URL pointing at db');
expect(/CMD \["node", "dist\/main\.js"\]/.test(dockerfile), 'the image must start dist/main.js (which applies migrations)');
expect(/COPY prisma /.test(dockerfile) && /prisma\.config\.ts/.test(dockerfile), 'the image needs prisma/ and prisma.config.ts to migrate');

if (problems.length) {
  console.error(`docker-compose.yml / Dockerfile:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log('docker-compose.yml and Dockerfile: OK');
