import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Clock } from '../common/clock/clock.js';
import { utcDate } from '../common/dates/utc-date.js';
import { attachment, DOWNLOAD_CONTENT_TYPES } from '../common/downloads/attachment.js';
import { ForecastsExportRepository } from './forecasts-export.repository.js';

/** Lets Excel read the en dashes and names as UTF-8. */
const BYTE_ORDER_MARK = '\ufeff';

@Injectable()
export class ForecastsExportService {
  private readonly logger = new Logger(ForecastsExportService.name);

  constructor(
    private readonly repository: ForecastsExportRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Every forecast (drafts too) as CSV, written by PostgreSQL (COPY … TO STDOUT) and passed through
   * as it arrives: bench:scorecards holds it to a bare COPY of the same query.
   */
  async forecastsCsv(): Promise<StreamableFile> {
    const now = this.clock.now();
    const copy = await this.repository.csv();
    const logger = this.logger;
    const body = Readable.from(
      (async function* () {
        yield Buffer.from(BYTE_ORDER_MARK, 'utf8');
        try {
          for await (const chunk of copy) yield chunk as Buffer;
        } catch (error) {
          logger.error(`Forecast export failed: ${(error as Error).message}`);
          throw error;
        } finally {
          copy.destroy();
        }
      })(),
      { objectMode: false },
    );
    // A client gone before the first byte still ends the COPY and frees its connection.
    body.once('close', () => copy.destroy());
    return new StreamableFile(body, {
      type: DOWNLOAD_CONTENT_TYPES.csv,
      disposition: attachment(`forecasts-${utcDate(now)}.csv`),
    });
  }
}
