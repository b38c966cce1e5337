import { ClockModule } from '../common/clock/clock.module.js';
import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { ForecastsModule } from '../forecasts/forecasts.module.js';
import { CandidateReviewService } from './candidate-review.service.js';
import { CandidatesRepository } from './candidates.repository.js';
import { CandidatesController, DocumentExtractionController } from './extraction.controller.js';
import { ExtractionService } from './extraction.service.js';

@Module({
  imports: [ClockModule, EstimatesModule, ForecastsModule],
  controllers: [DocumentExtractionController, CandidatesController],
  providers: [ExtractionService, CandidateReviewService, CandidatesRepository],
  exports: [ExtractionService, CandidateReviewService],
})
export class ExtractionModule {}
