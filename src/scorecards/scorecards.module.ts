import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module.js';
import { ForecasterScorecardController, ScorecardsController } from './scorecards.controller.js';
import { ScorecardsRepository } from './scorecards.repository.js';
import { ScorecardsService } from './scorecards.service.js';

@Module({
  imports: [ExportsModule],
  controllers: [ScorecardsController, ForecasterScorecardController],
  providers: [ScorecardsRepository, ScorecardsService],
  exports: [ScorecardsService],
})
export class ScorecardsModule {}
