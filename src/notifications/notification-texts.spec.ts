import { forecastDueText, staleForecastText, weeklyDigestText } from './notification-texts.js';

const forecast = (n: number, deadline: string | null = '2026-03-10T00:00:00Z') => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  statement: `Statement number ${n} comes true.`,
  deadline: deadline ? new Date(deadline) : null,
});

describe('notification texts', () => {
  it('tells the owner which forecast fell due and when', () => {
    expect(forecastDueText(forecast(1), 'resolver')).toBe(
      'Forecast due for resolution: "Statement number 1 comes true.". Its deadline was 2026-03-10. ' +
        'Please resolve it (forecast 00000000-0000-4000-8000-000000000001).',
    );
  });

  it('asks each role only for what it may do', () => {
    expect(forecastDueText(forecast(1), 'proposer')).toMatch(/propose its resolution .* a second reviewer approves it/);
    const analyst = forecastDueText(forecast(1), 'analyst');
    expect(analyst).toMatch(/log the evidence .* a reviewer then proposes its resolution/);
    expect(analyst).not.toMatch(/please resolve/i);
    expect(forecastDueText(forecast(1), 'viewer')).not.toMatch(/please/i);
  });

  it('says how long a forecast has been quiet', () => {
    const text = staleForecastText(forecast(2), 30, new Date('2026-01-01T09:00:00Z'));
    expect(text).toContain('No new estimate or evidence for 30 days');
    expect(text).toContain('last activity 2026-01-01');
  });

  it('cuts long statements and flattens line breaks', () => {
    const long = { ...forecast(3), statement: `Line one\nline two ${'x'.repeat(400)}` };
    const text = forecastDueText(long);
    expect(text).not.toContain('\n');
    expect(text).toMatch(/"Line one line two x+…"/);
  });

  it('lists overdue before falling-due forecasts, and caps a long digest', () => {
    const soon = Array.from({ length: 30 }, (_, index) => forecast(index + 10));
    const text = weeklyDigestText('2026-W10', soon, [forecast(4, null)]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Your forecasts, week 2026-W10');
    expect(lines[1]).toBe('Overdue, waiting for a resolution (1):');
    expect(lines[2]).toBe('• "Statement number 4 comes true." — no deadline');
    expect(lines[3]).toBe('Falling due in the next 7 days (30):');
    expect(lines.filter((line) => line.startsWith('•'))).toHaveLength(26);
    expect(lines.at(-1)).toBe('…and 5 more');
  });

  it('leaves out an empty section', () => {
    expect(weeklyDigestText('2026-W10', [forecast(5)], [])).not.toContain('Overdue');
  });
});
