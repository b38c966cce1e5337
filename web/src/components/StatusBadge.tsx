import { OUTCOME_LABEL, STATUS_LABEL } from '../lib/format';

export type ForecastStatus = keyof typeof STATUS_LABEL;
export type Outcome = keyof typeof OUTCOME_LABEL;

export function StatusBadge({ status, outcome }: { status: ForecastStatus; outcome?: Outcome | null }) {
  return (
    <span className={`badge ${status}`}>
      {STATUS_LABEL[status]}
      {status === 'resolved' && outcome ? `: ${OUTCOME_LABEL[outcome]}` : ''}
    </span>
  );
}
