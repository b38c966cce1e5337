import { ClockModule } from '../common/clock/clock.module.js';
import { Module } from '@nestjs/common';
import { ScorecardsModule } from '../scorecards/scorecards.module.js';
import { PublicScorecardsController, PublishedScorecardsController } from './published-scorecards.controller.js';
import { PublishedScorecardsService } from './published-scorecards.service.js';

@Module({
  imports: [ClockModule, ScorecardsModule],
  controllers: [PublishedScorecardsController, PublicScorecardsController],
  providers: [PublishedScorecardsService],
})
export class PublishedScorecardsModule {}
