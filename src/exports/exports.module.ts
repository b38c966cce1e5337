import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock/clock.module.js';
import { ForecastsExportController } from './forecasts-export.controller.js';
import { ForecastsExportRepository } from './forecasts-export.repository.js';
import { ForecastsExportService } from './forecasts-export.service.js';
import { FullExportController } from './full-export.controller.js';
import { FullExportService } from './full-export.service.js';

@Module({
  imports: [ClockModule],
  controllers: [ForecastsExportController, FullExportController],
  providers: [ForecastsExportRepository, ForecastsExportService, FullExportService],
})
export class ExportsModule {}
