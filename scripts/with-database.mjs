// Runs a command with DATABASE_URL set: the given one, or the embedded PostgreSQL in DATA_DIR
// (started for the command and stopped after), exactly as `npm start` would resolve it.
// Usage: node scripts/with-database.mjs <command> [args...]   (needs `npm run build` first)
import { spawn } from 'node:child_process';
import { loadConfig } from '../dist/config/app-config.js';
import { provisionDatabase } from '../dist/database/provision-database.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-database.mjs <command> [args...]');
  process.exit(2);
}
const config = loadConfig();
const database = await provisionDatabase(config, () => undefined);
const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: database.url, CHECKPOINT_DISABLE: '1' } });
const code = await new Promise((resolve) => child.on('close', (exitCode) => resolve(exitCode ?? 1)));
await database.stop();
process.exit(code);
