import { Module } from '@nestjs/common';
import { ForecastsExportController } from './forecasts-export.controller.js';
import { ForecastsExportRepository } from './forecasts-export.repository.js';
import { ForecastsExportService } from './forecasts-export.service.js';

@Module({
  controllers: [ForecastsExportController],
  providers: [ForecastsExportRepository, ForecastsExportService],
})
export class ExportsModule {}
