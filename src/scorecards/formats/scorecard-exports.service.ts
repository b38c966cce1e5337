import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { attachment, DOWNLOAD_CONTENT_TYPES } from '../../common/downloads/attachment.js';
import { csvStream } from '../../common/downloads/csv-stream.js';
import type { ScorecardReportDto } from '../dto/scorecard-report.dto.js';
import type { ScorecardFormat } from '../dto/scorecard.query.js';
import type { ScorecardItemDetail } from '../scorecards.repository.js';
import { SCORECARD_CSV_COLUMNS, scorecardCsvRecords } from './scorecard-csv.js';
import { scorecardMarkdown } from './scorecard-markdown.js';
import { scorecardFilename } from './scorecard-format.js';
import { scorecardPdf } from './scorecard-pdf.js';

/** Formats that show the per-forecast table, and so need its rows read. */
export const FORMATS_WITH_ITEMS: readonly ScorecardFormat[] = ['md', 'pdf'];

@Injectable()
export class ScorecardExportsService {
  private readonly logger = new Logger(ScorecardExportsService.name);

  /** The scorecard as a file to download, with its Content-Type and Content-Disposition. */
  render(report: ScorecardReportDto, format: ScorecardFormat, items: readonly ScorecardItemDetail[]): StreamableFile {
    const options = {
      type: DOWNLOAD_CONTENT_TYPES[format],
      disposition: attachment(scorecardFilename(report.groupBy, report.generatedAt, format)),
    };
    switch (format) {
      case 'json': {
        const body = Buffer.from(JSON.stringify(report, null, 2), 'utf8');
        return new StreamableFile(body, { ...options, length: body.length });
      }
      case 'md': {
        const body = Buffer.from(scorecardMarkdown(report, items), 'utf8');
        return new StreamableFile(body, { ...options, length: body.length });
      }
      case 'csv':
        return new StreamableFile(
          csvStream(scorecardCsvRecords(report), SCORECARD_CSV_COLUMNS, (error) =>
            this.logger.error(`Scorecard CSV failed: ${error.message}`),
          ),
          options,
        );
      case 'pdf':
        return new StreamableFile(scorecardPdf(report, items), options);
    }
  }
}
