import { Module } from '@nestjs/common';
import { ScorecardExportsService } from './formats/scorecard-exports.service.js';
import { ForecasterScorecardController, ScorecardsController } from './scorecards.controller.js';
import { ScorecardsRepository } from './scorecards.repository.js';
import { ScorecardsService } from './scorecards.service.js';

@Module({
  controllers: [ScorecardsController, ForecasterScorecardController],
  providers: [ScorecardsRepository, ScorecardsService, ScorecardExportsService],
  exports: [ScorecardsService],
})
export class ScorecardsModule {}
