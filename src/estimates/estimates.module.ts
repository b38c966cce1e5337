import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock/clock.module.js';
import { ForecastersModule } from '../forecasters/forecasters.module.js';
import { EstimatesController } from './estimates.controller.js';
import { EstimatesService } from './estimates.service.js';

@Module({
  imports: [ClockModule, ForecastersModule],
  controllers: [EstimatesController],
  providers: [EstimatesService],
  exports: [EstimatesService],
})
export class EstimatesModule {}
