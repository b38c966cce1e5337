import type { ForecastStatus } from '@prisma/client';
import { DomainError } from '../common/errors/domain-errors.js';
import { assertTransition, canTransition, liveStatus } from './forecast-lifecycle.js';

const STATUSES: ForecastStatus[] = ['draft', 'open', 'due', 'resolved', 'withdrawn'];
const ALLOWED = new Set([
  'draft>open',
  'draft>withdrawn',
  'open>due',
  'open>resolved',
  'open>withdrawn',
  'due>open',
  'due>resolved',
  'due>withdrawn',
  'resolved>open',
  'resolved>due',
]);

describe('forecast lifecycle', () => {
  it.each(STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const)))('%s → %s follows the table', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(DomainError);
  });

  it('names the rule in the conflict message', () => {
    expect(() => assertTransition('withdrawn', 'open')).toThrow('A withdrawn forecast cannot become open: withdrawn is final');
    expect(() => assertTransition('draft', 'resolved')).toThrow('from draft it can only become open or withdrawn');
  });

  it('returns to due or open by the deadline', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(liveStatus(new Date('2025-12-31T00:00:00Z'), now)).toBe('due');
    expect(liveStatus(new Date('2026-06-01T00:00:00Z'), now)).toBe('open');
    expect(liveStatus(null, now)).toBe('open');
  });
});
