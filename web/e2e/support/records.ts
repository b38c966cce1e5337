import { apiCall, type TestUser } from './fixtures';
import { e2eState } from './state';

/** Records for the scorecard, review, import and admin pages, made through the API. */

let counter = 0;
/** A stamp unique in this run: tags and names carry it, so pages can filter to one test's records. */
export function stamp(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${counter}`;
}

/** Sends a file to POST /imports as the browser would, with the user's key; answers the job. */
export async function importFile(
  user: TestUser | null,
  format: string,
  body: string,
  options: { dryRun?: boolean; contentType?: string } = {},
): Promise<{ id: string; status: string }> {
  const response = await fetch(`${e2eState().baseUrl}/imports?format=${format}${options.dryRun ? '&dryRun=true' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user?.key ?? e2eState().adminKey}`, 'content-type': options.contentType ?? 'text/csv' },
    body,
  });
  if (response.status !== 202) throw new Error(`POST /imports answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; status: string };
}

/** Waits for an import job to end, and answers it. */
export async function importFinished(id: string): Promise<{ status: string; errorCount: number }> {
  for (let i = 0; i < 120; i += 1) {
    const job = await apiCall<{ status: string; errorCount: number }>('GET', `/imports/${id}`);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Import ${id} did not finish`);
}

/**
 * A resolved forecast, tagged `tag`, on which `forecaster` estimated `probability` before it came
 * true (outcome yes): its one-sided Brier is (1 − p)². Imported as our CSV, so it resolves without a
 * second reviewer.
 */
export async function resolvedForecast(tag: string, forecaster: string, probability: number, outcome: 'yes' | 'no' = 'yes'): Promise<void> {
  const csv = [
    'statement,forecaster,probability,made_at,deadline,tags,outcome,resolved_at',
    `"${tag}: the indicator rises (${forecaster}, ${probability})",${forecaster},${probability},2025-01-10,2025-12-31,${tag},${outcome},2025-06-01`,
  ].join('\n');
  const job = await importFile(null, 'csv', csv);
  const done = await importFinished(job.id);
  if (done.status !== 'succeeded') throw new Error(`The import of ${tag} failed`);
}

/** An open forecast by an analyst, with an estimate and a piece of evidence; answers their ids. */
export async function openForecastWithEvidence(
  analyst: TestUser,
  statement: string,
): Promise<{ forecastId: string; evidenceId: string; evidenceSummary: string }> {
  const forecaster = await apiCall<{ id: string }>(
    'POST',
    '/forecasters',
    { name: `Forecaster of ${statement}`, kind: 'person' },
    analyst.key,
  );
  const forecast = await apiCall<{ id: string }>(
    'POST',
    '/forecasts',
    {
      statement,
      resolutionCriteria: 'Yes if the ministry publishes the figure by the deadline.',
      deadline: '2026-06-30T23:59:59Z',
      madeAt: '2026-01-05T00:00:00Z',
      tags: ['review-test'],
      initialEstimate: { forecasterId: forecaster.id, probability: 0.7 },
    },
    analyst.key,
  );
  const evidenceSummary = `The ministry published the figure (${statement.slice(0, 20)})`;
  const evidence = await apiCall<{ id: string }>(
    'POST',
    '/evidence',
    {
      summary: evidenceSummary,
      sourceTitle: 'Ministry bulletin',
      sourceUrl: 'https://example.org/bulletin',
      occurredOn: '2026-02-01',
      links: [{ forecastId: forecast.id, stance: 'supports', weight: 'strong' }],
    },
    analyst.key,
  );
  return { forecastId: forecast.id, evidenceId: evidence.id, evidenceSummary };
}

/** A reviewer proposes that the forecast resolved yes, citing the evidence. */
export async function propose(reviewer: TestUser, forecastId: string, evidenceId: string, rationale: string): Promise<{ id: string }> {
  return apiCall<{ id: string }>(
    'POST',
    `/forecasts/${forecastId}/resolution-proposals`,
    { outcome: 'yes', occurredOn: '2026-02-01', rationale, citedEvidenceIds: [evidenceId] },
    reviewer.key,
  );
}
