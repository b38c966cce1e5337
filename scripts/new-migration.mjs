// Creates a migration from the changes in prisma/schema.prisma: `npm run db:new-migration -- <name>`.
// `migrate dev` must find no pending migration (with the WASM engine it fails if it has to apply
// some first, see docs/prisma-offline.md), so pending ones are deployed before.
import { execFileSync } from 'node:child_process';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:new-migration -- <name_in_snake_case>');
  process.exit(2);
}
const prisma = ['node_modules/prisma/build/index.js'];
execFileSync(process.execPath, [...prisma, 'migrate', 'deploy'], { stdio: 'inherit' });
execFileSync(process.execPath, [...prisma, 'migrate', 'dev', '--name', name], { stdio: 'inherit' });
