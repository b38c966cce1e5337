import { Module } from '@nestjs/common';
import { ForecastersModule } from '../forecasters/forecasters.module.js';
import { EstimatesController } from './estimates.controller.js';
import { EstimatesService } from './estimates.service.js';

@Module({ imports: [ForecastersModule], controllers: [EstimatesController], providers: [EstimatesService], exports: [EstimatesService] })
export class EstimatesModule {}
