import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock/clock.module.js';
import { EvidenceController } from './evidence.controller.js';
import { EvidenceRepository } from './evidence.repository.js';
import { EvidenceService } from './evidence.service.js';
import { ForecastEvidenceController } from './forecast-evidence.controller.js';

@Module({
  imports: [ClockModule],
  controllers: [EvidenceController, ForecastEvidenceController],
  providers: [EvidenceService, EvidenceRepository],
  exports: [EvidenceService],
})
export class EvidenceModule {}
