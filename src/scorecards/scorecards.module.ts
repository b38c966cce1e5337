import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock/clock.module.js';
import { ScorecardExportsService } from './formats/scorecard-exports.service.js';
import { ScorecardCache } from './scorecard-cache.js';
import { ForecasterScorecardController, ScorecardsController } from './scorecards.controller.js';
import { ScorecardsRepository } from './scorecards.repository.js';
import { ScorecardsService } from './scorecards.service.js';

@Module({
  imports: [ClockModule],
  controllers: [ScorecardsController, ForecasterScorecardController],
  providers: [ScorecardsRepository, ScorecardsService, ScorecardExportsService, ScorecardCache],
  exports: [ScorecardsService],
})
export class ScorecardsModule {}
