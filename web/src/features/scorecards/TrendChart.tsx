import * as Plot from '@observablehq/plot';
import { formatNumber, formatUtcDate } from '../common/format';
import type { TrendPoint } from './types';
import { usePlot } from './usePlot';

const ACCENT = '#1f5fa8';
const REFERENCE = '#6b7480';

/** One forecaster's or tag's Brier over time (GET /scorecards/trend): one-sided, with its 95% band; 0.25 is always saying 50%. */
export default function TrendChart({ points, label }: { points: TrendPoint[]; label: string }) {
  const data = points
    .filter((p) => p.figures.brierOneSided !== null && p.figures.brierOneSided !== undefined)
    .map((p) => ({
      date: new Date(`${p.date}T00:00:00Z`),
      brier: p.figures.brierOneSided as number,
      lower: p.figures.brierOneSidedInterval95?.lower ?? null,
      upper: p.figures.brierOneSidedInterval95?.upper ?? null,
      scored: p.figures.counts.scored,
      title: `${formatUtcDate(p.date)}: Brier ${formatNumber(p.figures.brierOneSided)} (one-sided, 0–1) on ${p.figures.counts.scored} scored`,
    }));
  const description = data.map((d) => d.title).join('. ');
  const top = Math.min(1, Math.max(0.3, ...data.map((d) => d.upper ?? d.brier)) * 1.1);
  const container = usePlot<HTMLDivElement>(
    (width) =>
      Plot.plot({
        width,
        height: Math.max(220, Math.min(320, width * 0.45)),
        marginLeft: 52,
        marginBottom: 36,
        ariaLabel: `Brier score over time: ${label}`,
        ariaDescription: description,
        style: { fontSize: '12px', fontFamily: 'inherit', background: 'transparent', color: '#1d232b' },
        x: { type: 'utc', label: 'Day (UTC) →', ticks: width < 500 ? 4 : 8 },
        y: { domain: [0, top], label: '↑ Brier, one-sided 0–1 (lower is better)', grid: true },
        marks: [
          Plot.areaY(
            data.filter((d) => d.lower !== null),
            { x: 'date', y1: 'lower', y2: 'upper', fill: ACCENT, fillOpacity: 0.14, curve: 'step-after' },
          ),
          Plot.ruleY([0.25], { stroke: REFERENCE, strokeDasharray: '4,4' }),
          Plot.text([0.25], { y: (d: number) => d, frameAnchor: 'right', text: () => 'always 50% = 0.25', dy: -7, fill: REFERENCE }),
          Plot.lineY(data, { x: 'date', y: 'brier', stroke: ACCENT, strokeWidth: 2, curve: 'step-after' }),
          Plot.dot(data, { x: 'date', y: 'brier', fill: ACCENT, r: 3, title: 'title' }),
        ],
      }),
    [description, label, top],
  );
  return <div ref={container} className="chart trend-chart" />;
}
