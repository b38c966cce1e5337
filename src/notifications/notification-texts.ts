import { utcDate } from '../common/dates/utc-date.js';
/**
 * Plain-text bodies of notifications, written once when the notification is queued. Chat tools
 * (Slack, Mattermost, Teams, Rocket.Chat incoming webhooks) show a `text` field as it is, so the
 * words carry everything a reader needs without the structured payload.
 */

export interface ForecastLine {
  id: string;
  statement: string;
  deadline: Date | null;
}

const MAX_DIGEST_LINES = 25;
const MAX_STATEMENT_CHARS = 200;

/** One line per forecast; long statements are cut so a digest stays readable in a chat window. */
function quoted(statement: string): string {
  const flat = statement.replace(/\s+/g, ' ').trim();
  return `"${flat.length > MAX_STATEMENT_CHARS ? `${flat.slice(0, MAX_STATEMENT_CHARS - 1)}…` : flat}"`;
}

export function forecastDueText(forecast: ForecastLine): string {
  const deadline = forecast.deadline ? ` Its deadline was ${utcDate(forecast.deadline)}.` : '';
  return `Forecast due for resolution: ${quoted(forecast.statement)}.${deadline} Please resolve it (forecast ${forecast.id}).`;
}

export function staleForecastText(forecast: ForecastLine, quietDays: number, lastActivityAt: Date): string {
  return (
    `No new estimate or evidence for ${quietDays} days on ${quoted(forecast.statement)} ` +
    `(last activity ${utcDate(lastActivityAt)}). Is your probability still right? (forecast ${forecast.id})`
  );
}

function section(title: string, forecasts: readonly ForecastLine[], describe: (forecast: ForecastLine) => string): string[] {
  if (forecasts.length === 0) return [];
  const shown = forecasts.slice(0, MAX_DIGEST_LINES).map((forecast) => `• ${quoted(forecast.statement)} — ${describe(forecast)}`);
  const more = forecasts.length > MAX_DIGEST_LINES ? [`…and ${forecasts.length - MAX_DIGEST_LINES} more`] : [];
  return [`${title} (${forecasts.length}):`, ...shown, ...more];
}

export function weeklyDigestText(week: string, dueSoon: readonly ForecastLine[], overdue: readonly ForecastLine[]): string {
  const deadline = (forecast: ForecastLine) => (forecast.deadline ? `deadline ${utcDate(forecast.deadline)}` : 'no deadline');
  return [
    `Your forecasts, week ${week}`,
    ...section('Overdue, waiting for a resolution', overdue, deadline),
    ...section('Falling due in the next 7 days', dueSoon, deadline),
  ].join('\n');
}
