import type { ScorecardGroupDto, ScorecardReportDto } from '../dto/scorecard-report.dto.js';
import type { ScorecardItemDetail } from '../scorecards.repository.js';
import { decimal, DASH, EXCLUSION_REASONS, exclusionWords, filterLines, interval, itemLine, signed } from './report-text.js';

/**
 * Text as Markdown that reads as that text and nothing more: raw HTML (`<img onerror=…>`) becomes
 * entities, and the characters of links, images, emphasis, code and tables are backslash-escaped
 * (CommonMark lets any ASCII punctuation be), so `[x](javascript:…)` is shown, never linked.
 * Newlines would end a table row or a heading: they become spaces.
 */
export function markdownText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~!#]/g, (character) => `\\${character}`)
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A cell already written as Markdown (the bold overall row), not text to escape. */
interface MarkdownCell {
  markdown: string;
}

const cell = (value: string | MarkdownCell): string => (typeof value === 'string' ? markdownText(value) : value.markdown);

function table(header: string[], align: ('l' | 'r')[], rows: (string | MarkdownCell)[][]): string {
  const lines = [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

function summaryRow(group: ScorecardGroupDto, bold = false): (string | MarkdownCell)[] {
  return [
    bold ? { markdown: `**${markdownText(group.label)}**` } : group.label,
    String(group.counts.forecasts),
    String(group.counts.resolved),
    String(group.counts.overdue),
    String(group.counts.items),
    String(group.counts.scored),
    String(group.counts.excludedTotal),
    decimal(group.brier.brierOneSided),
    decimal(group.brier.brierTwoSided),
    interval(group),
    decimal(group.logScore),
    decimal(group.skill.vsAlwaysHalf),
    decimal(group.skill.vsBaseRate),
    decimal(group.expectedCalibrationError),
    decimal(group.discrimination.difference),
    decimal(group.timeAveragedBrier.brierOneSided),
    signed(group.relativeBrier.relativeBrierOneSided),
  ];
}

function groupSection(group: ScorecardGroupDto): string {
  const bins = group.calibration.bins.filter((bin) => bin.count > 0);
  const calibration =
    bins.length === 0
      ? '_No scored items: no calibration table._'
      : table(
          ['Bin', 'Forecasts', 'Came true', 'Mean forecast', 'Observed', 'Wilson 95%'],
          ['l', 'r', 'l', 'r', 'r', 'l'],
          bins.map((bin) => [
            bin.label,
            String(bin.count),
            `${bin.yesCount} of ${bin.count}${bin.partialCount > 0 ? ` (+${bin.partialCount} partial)` : ''}`,
            decimal(bin.meanForecast),
            decimal(bin.observedFrequency),
            bin.observedInterval95 ? `${decimal(bin.observedInterval95.lower)}–${decimal(bin.observedInterval95.upper)}` : DASH,
          ]),
        );
  const murphy = group.murphy
    ? `Murphy decomposition (one-sided): REL ${decimal(group.murphy.reliability)} − RES ${decimal(group.murphy.resolution)} + UNC ` +
      `${decimal(group.murphy.uncertainty)} + WBV ${decimal(group.murphy.withinBinVariance)} − WBC ` +
      `${decimal(group.murphy.withinBinCovariance)} = BS ${decimal(group.murphy.brierOneSided)}.`
    : 'Murphy decomposition: nothing scored.';
  const discrimination =
    `Discrimination: mean forecast on yes ${decimal(group.discrimination.meanForecastOnYes)}, on no ` +
    `${decimal(group.discrimination.meanForecastOnNo)}. Time-averaged Brier over ${group.timeAveragedBrier.items} item(s): ` +
    `${decimal(group.timeAveragedBrier.brierOneSided)} one-sided, ${decimal(group.timeAveragedBrier.brierTwoSided)} two-sided. ` +
    `Relative Brier over ${group.relativeBrier.items} item(s): ${signed(group.relativeBrier.relativeBrierOneSided)} one-sided.`;
  return [`### ${cell(group.label)}`, '', `${calibration}`, '', murphy, '', discrimination].join('\n');
}

/** The scorecard as Markdown: readable tables with figures rounded to 4 decimals (CSV and JSON keep full precision). */
export function scorecardMarkdown(report: ScorecardReportDto, items: readonly ScorecardItemDetail[]): string {
  const groups = [report.overall, ...report.groups];
  const parts = [
    `# ${markdownText(report.title)}`,
    '',
    `Generated ${report.generatedAt} by Forecast Ledger.`,
    '',
    table(['Setting', 'Value'], ['l', 'l'], filterLines(report)),
    '',
    `**Items.** ${report.itemDefinition}`,
    '',
    ...(report.groupDefinition ? [`**Groups.** ${report.groupDefinition}`, ''] : []),
    `**Scales.** ${report.scale.oneSided}. ${report.scale.twoSided}. ${report.logScoreConvention}`,
    '',
    '## Summary',
    '',
    table(
      [
        'Group',
        'Forecasts',
        'Resolved',
        'Overdue',
        'Items',
        'Scored',
        'Excluded',
        'Brier (one-sided, 0–1)',
        'Brier (two-sided, 0–2)',
        '95% CI (one-sided)',
        'Log score (ln, p in [0.001, 0.999])',
        'Skill vs 0.5',
        'Skill vs base rate',
        'ECE',
        'Discrimination',
        'Time-averaged Brier (one-sided)',
        'Relative Brier (one-sided)',
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      [summaryRow(report.overall, true), ...report.groups.map((group) => summaryRow(group))],
    ),
    '',
    '## Excluded items by reason',
    '',
    table(
      ['Group', ...EXCLUSION_REASONS.map(exclusionWords), 'Total'],
      ['l', ...EXCLUSION_REASONS.map((): 'r' => 'r'), 'r'],
      groups.map((group) => [
        group.label,
        ...EXCLUSION_REASONS.map((reason) => String(group.counts.excluded[reason])),
        String(group.counts.excludedTotal),
      ]),
    ),
    '',
    '## Calibration by group',
    '',
    groups.map(groupSection).join('\n\n'),
    '',
    '## Per-forecast items',
    '',
    items.length < report.overall.counts.items
      ? `The ${items.length} most recently resolved of ${report.overall.counts.items} items; the CSV export of /forecasts has every forecast.`
      : `All ${items.length} items.`,
    '',
    table(
      ['Forecast', 'Forecaster', 'Final p', 'Outcome', 'Resolved on', 'Brier (one-sided)'],
      ['l', 'l', 'r', 'l', 'l', 'r'],
      items.map((item) => {
        const line = itemLine(item, report.options.partial === 'half');
        return [line.statement, line.forecaster, line.probability, line.outcome, line.resolvedOn, line.brier];
      }),
    ),
    '',
  ];
  return parts.join('\n');
}
