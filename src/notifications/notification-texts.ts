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

/**
 * What the reader of a due reminder can do about it. Reviewers (and admins) resolve, through a
 * proposal a second reviewer approves when review of resolutions is on; analysts may neither
 * resolve nor propose, but log the evidence that settles it; viewers only read.
 */
export type DueReminderAudience = 'resolver' | 'proposer' | 'analyst' | 'viewer';

const DUE_ACTION: Record<DueReminderAudience, string> = {
  resolver: 'Please resolve it',
  proposer: 'Please propose its resolution with the evidence that settles it; a second reviewer approves it',
  analyst: 'Please log the evidence that settles it; a reviewer then proposes its resolution',
  viewer: 'A reviewer will propose its resolution',
};

export function forecastDueText(forecast: ForecastLine, audience: DueReminderAudience = 'proposer'): string {
  const deadline = forecast.deadline ? ` Its deadline was ${utcDate(forecast.deadline)}.` : '';
  return `Forecast due for resolution: ${quoted(forecast.statement)}.${deadline} ${DUE_ACTION[audience]} (forecast ${forecast.id}).`;
}

export interface ProposalLine {
  id: string;
  outcome: string;
  occurredOn: Date;
}

export function resolutionProposedText(forecast: ForecastLine, proposal: ProposalLine, proposerName: string): string {
  return (
    `Resolution proposed for ${quoted(forecast.statement)}: ${proposal.outcome}, true on ${utcDate(proposal.occurredOn)}, ` +
    `proposed by ${proposerName}. You made no estimate on it, so you may approve or reject it ` +
    `(proposal ${proposal.id}, forecast ${forecast.id}).`
  );
}

export function proposalRejectedText(forecast: ForecastLine, proposal: ProposalLine, reviewerName: string, comment: string): string {
  return (
    `Your proposed resolution of ${quoted(forecast.statement)} (${proposal.outcome}) was rejected by ${reviewerName}: ` +
    `${quoted(comment)}. You may propose again (proposal ${proposal.id}, forecast ${forecast.id}).`
  );
}

export function forecastResolvedText(forecast: ForecastLine, outcome: string, occurredOn: Date, reResolved: boolean): string {
  return (
    `Your forecast ${quoted(forecast.statement)} was ${reResolved ? 're-resolved' : 'resolved'}: ${outcome}, true on ` +
    `${utcDate(occurredOn)}. Its estimates are scored from now on (forecast ${forecast.id}).`
  );
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
