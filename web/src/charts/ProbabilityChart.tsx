import type { Schemas } from '../api/client';
import { STANCE_COLOUR, STANCE_LABEL, percent } from '../lib/format';
import { PlotFigure } from './PlotFigure';

type Estimate = Schemas['ProbabilityEstimateDto'];
type Evidence = Schemas['ForecastEvidenceEntryDto'];

const STANCE_SYMBOL = { supports: 'triangle', contradicts: 'diamond', context: 'circle' } as const;

/**
 * Probability over time: a step line per forecaster (an estimate stands until the next), evidence as
 * markers along the bottom coloured and shaped by stance, the resolution date as a dashed rule.
 */
export default function ProbabilityChart({
  estimates,
  evidence,
  resolvedOn,
  deadline,
}: {
  estimates: Estimate[];
  evidence: Evidence[];
  resolvedOn?: string | null;
  deadline?: string | null;
}) {
  const end = resolvedOn ? new Date(`${resolvedOn.slice(0, 10)}T00:00:00Z`) : new Date();
  const byForecaster = new Map<string, Estimate[]>();
  for (const e of [...estimates].sort((a, b) => a.madeAt.localeCompare(b.madeAt))) {
    byForecaster.set(e.forecasterName, [...(byForecaster.get(e.forecasterName) ?? []), e]);
  }
  // Each line runs on to the resolution date (or today) at its last value.
  const points = [...byForecaster.entries()].flatMap(([name, list]) => {
    const last = list[list.length - 1];
    const tail = new Date(last.madeAt) < end ? [{ name, at: end, probability: last.probability, extension: true }] : [];
    return [...list.map((e) => ({ name, at: new Date(e.madeAt), probability: e.probability, extension: false })), ...tail];
  });
  const markers = evidence
    .filter((e) => !e.retracted)
    .map((e) => ({ at: new Date(`${e.occurredOn}T12:00:00Z`), stance: e.stance, summary: e.summary }));
  const label =
    `Probability history: ${[...byForecaster.entries()]
      .map(([name, list]) => `${name} from ${percent(list[0].probability)} to ${percent(list[list.length - 1].probability)}`)
      .join('; ')}. ` +
    `${markers.length} evidence item${markers.length === 1 ? '' : 's'}` +
    (resolvedOn ? `; resolved on ${resolvedOn.slice(0, 10)}` : '');

  return (
    <figure className="chart">
      <PlotFigure
        label={label}
        height={280}
        deps={[estimates, evidence, resolvedOn, deadline]}
        build={(Plot, width) =>
          Plot.plot({
            width,
            height: 280,
            marginLeft: 44,
            marginBottom: 36,
            style: { fontSize: '12px', background: 'transparent' },
            x: { type: 'utc', label: null, ticks: width < 500 ? 4 : 8 },
            y: { domain: [0, 1], tickFormat: '.0%', label: 'Probability', grid: true },
            color: { legend: true, type: 'categorical', scheme: 'tableau10' },
            symbol: { domain: Object.keys(STANCE_SYMBOL), range: Object.values(STANCE_SYMBOL) },
            marks: [
              Plot.ruleY([0.5], { stroke: '#9aa3ad', strokeDasharray: '2 3' }),
              deadline ? Plot.ruleX([new Date(deadline)], { stroke: '#8a5300', strokeDasharray: '1 3' }) : null,
              resolvedOn ? Plot.ruleX([end], { stroke: '#1d232b', strokeWidth: 1.5, strokeDasharray: '5 3' }) : null,
              resolvedOn ? Plot.text([end], { x: (d: Date) => d, y: 1, text: () => 'resolved', dy: -6, textAnchor: 'end', dx: -4 }) : null,
              Plot.line(points, { x: 'at', y: 'probability', z: 'name', stroke: 'name', curve: 'step-after', strokeWidth: 2 }),
              Plot.dot(
                points.filter((p) => !p.extension),
                {
                  x: 'at',
                  y: 'probability',
                  fill: 'name',
                  r: 3.5,
                  title: (p: { name: string; probability: number }) => `${p.name}: ${percent(p.probability)}`,
                },
              ),
              Plot.dot(markers, {
                x: 'at',
                y: 0.03,
                symbol: 'stance',
                fill: (m: { stance: keyof typeof STANCE_COLOUR }) => STANCE_COLOUR[m.stance],
                stroke: '#1d232b',
                strokeWidth: 0.5,
                r: 6,
                title: (m: { stance: keyof typeof STANCE_LABEL; summary: string }) => `${STANCE_LABEL[m.stance]}: ${m.summary}`,
              }),
            ],
          })
        }
      />
      <figcaption className="chart-legend small">
        {(['supports', 'contradicts', 'context'] as const).map((stance) => (
          <span key={stance} className="legend-item">
            <svg width="14" height="14" aria-hidden="true" viewBox="-7 -7 14 14">
              {stance === 'supports' && <path d="M0,-6L5.2,3L-5.2,3Z" fill={STANCE_COLOUR[stance]} />}
              {stance === 'contradicts' && <path d="M0,-6L6,0L0,6L-6,0Z" fill={STANCE_COLOUR[stance]} />}
              {stance === 'context' && <circle r="5" fill={STANCE_COLOUR[stance]} />}
            </svg>{' '}
            Evidence: {STANCE_LABEL[stance].toLowerCase()}
          </span>
        ))}
        {resolvedOn && <span className="legend-item">Dashed black line: resolution date</span>}
        {deadline && <span className="legend-item">Dotted brown line: deadline</span>}
      </figcaption>
    </figure>
  );
}
