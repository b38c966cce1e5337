// Recomputes the derived rows (final_estimates, forecasts.resolved_on) from the history and reports
// any that differ from what is stored: `npm run db:verify` (exit 1 on drift), `npm run db:verify -- --repair`
// to store the recomputed rows. Connects as the owner (DATABASE_URL, or the embedded server in DATA_DIR).
import { loadConfig } from '../dist/config/app-config.js';
import { checkDerivedData } from '../dist/database/derived-data-check.js';
import { provisionDatabase } from '../dist/database/provision-database.js';

const repair = process.argv.includes('--repair');
const config = loadConfig();
const database = await provisionDatabase(config, () => undefined);
let code = 0;
try {
  const report = await checkDerivedData(database.url, { repair });
  console.log(`Checked ${report.finalEstimatesChecked} final estimates on ${report.forecastsChecked} forecasts.`);
  if (report.drift.length === 0) {
    console.log('No drift: every derived row matches the history.');
  } else {
    console.log(
      `${report.drift.length} derived row(s) differ from the history${report.drift.length >= 1000 ? ' (first 1,000 shown)' : ''}:`,
    );
    for (const row of report.drift)
      console.log(`  ${row.table} ${row.key}\n    stored:     ${row.stored}\n    recomputed: ${row.recomputed}`);
    console.log(
      repair ? 'Repaired: the recomputed rows are stored.' : 'Nothing was changed; run with --repair to store the recomputed rows.',
    );
    code = repair ? 0 : 1;
  }
} catch (error) {
  console.error('db:verify failed:', error instanceof Error ? error.message : error);
  code = 2;
} finally {
  await database.stop();
}
process.exit(code);
