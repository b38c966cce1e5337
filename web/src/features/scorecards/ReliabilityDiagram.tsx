import * as Plot from '@observablehq/plot';
import { formatPercent } from '../common/format';
import type { CalibrationBin } from './types';
import { usePlot } from './usePlot';

const ACCENT = '#1f5fa8';
const REFERENCE = '#6b7480';

/**
 * The reliability diagram: per bin, the mean forecast across and the observed frequency up, with
 * the Wilson 95% interval as a vertical bar and "X/Y" (came true of estimates) beside each dot.
 * Dots grow with the count, so a bin of three does not look as sure as a bin of three hundred.
 */
export default function ReliabilityDiagram({ bins, label }: { bins: CalibrationBin[]; label: string }) {
  const points = bins
    .filter((b) => b.count > 0 && b.meanForecast !== null && b.observedFrequency !== null)
    .map((b) => ({
      x: b.meanForecast as number,
      y: b.observedFrequency as number,
      lower: b.observedInterval95?.lower ?? (b.observedFrequency as number),
      upper: b.observedInterval95?.upper ?? (b.observedFrequency as number),
      count: b.count,
      text: `${b.yesCount}/${b.count}`,
      title: `${b.label}: ${b.yesCount} of ${b.count} came true (${formatPercent(b.observedFrequency, 0)}; Wilson 95% ${formatPercent(
        b.observedInterval95?.lower,
        0,
      )}–${formatPercent(b.observedInterval95?.upper, 0)}), mean forecast ${formatPercent(b.meanForecast, 0)}`,
    }));
  const description = points.map((p) => p.title).join('. ');
  const container = usePlot<HTMLDivElement>(
    (width) => {
      const size = Math.min(width, 460);
      return Plot.plot({
        width: size,
        height: size,
        marginLeft: 48,
        marginBottom: 42,
        marginRight: 40,
        ariaLabel: `Reliability diagram of ${label}`,
        ariaDescription: description,
        style: { fontSize: '12px', fontFamily: 'inherit', background: 'transparent', color: '#1d232b' },
        x: { domain: [0, 1], label: 'Mean forecast →', tickFormat: '.0%', ticks: size < 320 ? 5 : 10 },
        y: { domain: [0, 1], label: '↑ Came true', tickFormat: '.0%', ticks: size < 320 ? 5 : 10, grid: true },
        r: { range: [3, 11], domain: [0, Math.max(...points.map((p) => p.count), 1)] },
        marks: [
          Plot.line(
            [
              [0, 0],
              [1, 1],
            ],
            { stroke: REFERENCE, strokeDasharray: '4,4' },
          ),
          Plot.ruleX(points, { x: 'x', y1: 'lower', y2: 'upper', stroke: ACCENT, strokeWidth: 2, strokeOpacity: 0.55 }),
          Plot.dot(points, { x: 'x', y: 'y', r: 'count', fill: ACCENT, stroke: '#fff', title: 'title' }),
          Plot.text(points, {
            x: 'x',
            y: 'y',
            text: 'text',
            dx: 12,
            textAnchor: 'start',
            fill: '#1d232b',
            stroke: '#fff',
            strokeWidth: 3,
            paintOrder: 'stroke',
          }),
        ],
      });
    },
    [description, label],
  );
  return <div ref={container} className="chart reliability-chart" />;
}
