import { Module } from '@nestjs/common';
import { ForecastsController } from './forecasts.controller.js';
import { ForecastsService } from './forecasts.service.js';

@Module({ controllers: [ForecastsController], providers: [ForecastsService], exports: [ForecastsService] })
export class ForecastsModule {}
