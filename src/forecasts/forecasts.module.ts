import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock/clock.module.js';
import { ForecastReadsRepository } from './forecast-reads.repository.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { ForecastHistoryService } from './forecast-history.service.js';
import { ForecastsController } from './forecasts.controller.js';
import { ForecastsService } from './forecasts.service.js';

@Module({
  imports: [ClockModule, EstimatesModule],
  controllers: [ForecastsController],
  providers: [ForecastsService, ForecastHistoryService, ForecastReadsRepository],
  exports: [ForecastsService],
})
export class ForecastsModule {}
