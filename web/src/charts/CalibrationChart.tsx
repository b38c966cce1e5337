import type { Schemas } from '../api/client';
import { percent } from '../lib/format';

type Bin = Schemas['CalibrationBinDto'];

const WIDTH = 320;
const MARGIN = { top: 24, right: 16, bottom: 36, left: 40 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Home's small reliability diagram: observed frequency against mean forecast per bin (dot area =
 * count), with the diagonal of perfect calibration. Plain SVG on purpose: Observable Plot (with its
 * d3 modules) is most of a first page's JavaScript, so Home draws these few dots itself and the
 * Scorecards page, which needs Plot's scales and intervals, loads Plot as a chunk of its own.
 */
export default function CalibrationChart({ bins, height = 220 }: { bins: Bin[]; height?: number }) {
  const used = bins.filter((b) => b.count > 0 && b.meanForecast != null && b.observedFrequency != null);
  const label =
    used.length === 0
      ? 'Calibration: no scored forecasts yet'
      : `Calibration: ${used.map((b) => `${b.label}: forecast ${percent(b.meanForecast!)}, happened ${percent(b.observedFrequency!)} of ${b.count}`).join('; ')}`;
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = (p: number) => MARGIN.left + p * innerWidth;
  const y = (p: number) => MARGIN.top + (1 - p) * innerHeight;
  // Area proportional to the count, as Plot's default r scale: radius 3 to 10 px.
  const most = Math.max(1, ...used.map((b) => b.count));
  const radius = (count: number) => 3 + 7 * Math.sqrt(count / most);
  return (
    <figure className="chart small-chart">
      <svg
        className="calibration-svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: WIDTH }}
        role="img"
        aria-label={label}
        data-drawn="true"
      >
        <g fontSize="12" fill="currentColor">
          {TICKS.map((t) => (
            <g key={t}>
              <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} stroke="#d5d9de" />
              <text x={x(0) - 6} y={y(t)} dy="0.32em" textAnchor="end">
                {percent(t)}
              </text>
              <line x1={x(t)} x2={x(t)} y1={y(0)} y2={y(0) + 5} stroke="currentColor" />
              <text x={x(t)} y={y(0) + 16} textAnchor="middle">
                {percent(t)}
              </text>
            </g>
          ))}
          <text x={x(1)} y={height - 4} textAnchor="end">
            Forecast →
          </text>
          <text x={0} y={12}>
            ↑ Happened
          </text>
        </g>
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} stroke="#9aa3ad" strokeDasharray="3 3" />
        {used.map((b) => (
          <circle key={b.label} cx={x(b.meanForecast!)} cy={y(b.observedFrequency!)} r={radius(b.count)} fill="#1f5fa8" fillOpacity={0.8}>
            <title>{`${b.label}: ${b.count} forecasts, ${percent(b.observedFrequency ?? 0)} happened`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="small muted">
        Dots on the dashed diagonal are perfectly calibrated; dot size is the number of forecasts.
      </figcaption>
    </figure>
  );
}
