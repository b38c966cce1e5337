// Writes openapi.json from the running code's decorators, so API changes show in review.
// `--check` fails when the committed file is stale (CI runs it). Needs `npm run build` first.
import { readFile, writeFile } from 'node:fs/promises';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiConfig, createApp } from '../dist/app.factory.js';
import { loadConfig } from '../dist/config/app-config.js';

const FILE = new URL('../openapi.json', import.meta.url);
// The document is built from metadata only: the app is created but never initialised, so it
// never connects to this (unreachable) database.
const app = await createApp({
  config: loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
  databaseUrl: 'postgresql://openapi@127.0.0.1:1/none',
});
const document = SwaggerModule.createDocument(app, buildOpenApiConfig());
const text = `${JSON.stringify(document, null, 2)}\n`;
if (process.argv.includes('--check')) {
  const committed = await readFile(FILE, 'utf8').catch(() => '');
  if (committed !== text) {
    console.error('openapi.json is stale: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json is up to date.');
} else {
  await writeFile(FILE, text);
  console.log(`Wrote openapi.json (${Object.keys(document.paths).length} paths).`);
}
process.exit(0);
