import { DomainError } from '../common/errors/domain-errors.js';
import { assertAcceptsEstimates } from './estimate-rules.js';

describe('when a forecast takes estimates', () => {
  it('takes estimates only on live forecasts', () => {
    for (const status of ['draft', 'open', 'due'] as const) expect(() => assertAcceptsEstimates(status)).not.toThrow();
    expect(() => assertAcceptsEstimates('resolved')).toThrow(/reopen it first/);
    expect(() => assertAcceptsEstimates('withdrawn')).toThrow(DomainError);
  });
});
