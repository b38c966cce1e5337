import type { Schemas } from '../api/client';
import { percent } from '../lib/format';
import { PlotFigure } from './PlotFigure';

type Bin = Schemas['CalibrationBinDto'];

/** A small reliability diagram: observed frequency against mean forecast per bin (dot size = count), with the diagonal of perfect calibration. */
export default function CalibrationChart({ bins, height = 220 }: { bins: Bin[]; height?: number }) {
  const used = bins.filter((b) => b.count > 0 && b.meanForecast != null && b.observedFrequency != null);
  const label =
    used.length === 0
      ? 'Calibration: no scored forecasts yet'
      : `Calibration: ${used.map((b) => `${b.label}: forecast ${percent(b.meanForecast!)}, happened ${percent(b.observedFrequency!)} of ${b.count}`).join('; ')}`;
  return (
    <figure className="chart small-chart">
      <PlotFigure
        label={label}
        height={height}
        deps={[bins]}
        build={(Plot, width) =>
          Plot.plot({
            width: Math.min(width, 420),
            height,
            marginLeft: 40,
            marginBottom: 36,
            style: { fontSize: '11px', background: 'transparent' },
            x: { domain: [0, 1], tickFormat: '.0%', label: 'Forecast', ticks: 5 },
            y: { domain: [0, 1], tickFormat: '.0%', label: 'Happened', ticks: 5, grid: true },
            r: { range: [3, 10] },
            marks: [
              Plot.line(
                [
                  [0, 0],
                  [1, 1],
                ],
                { stroke: '#9aa3ad', strokeDasharray: '3 3' },
              ),
              Plot.dot(used, {
                x: 'meanForecast',
                y: 'observedFrequency',
                r: 'count',
                fill: '#1f5fa8',
                fillOpacity: 0.8,
                title: (b: Bin) => `${b.label}: ${b.count} forecasts, ${percent(b.observedFrequency ?? 0)} happened`,
              }),
            ],
          })
        }
      />
      <figcaption className="small muted">
        Dots on the dashed diagonal are perfectly calibrated; dot size is the number of forecasts.
      </figcaption>
    </figure>
  );
}
