import { Module } from '@nestjs/common';
import { ForecastersController } from './forecasters.controller.js';
import { ForecastersService } from './forecasters.service.js';

@Module({ controllers: [ForecastersController], providers: [ForecastersService], exports: [ForecastersService] })
export class ForecastersModule {}
