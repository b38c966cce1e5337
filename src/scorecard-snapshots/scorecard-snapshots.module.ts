import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock/clock.module.js';
import { ScorecardSnapshotsRepository } from './scorecard-snapshots.repository.js';
import { ScorecardSnapshotsService } from './scorecard-snapshots.service.js';
import { ScorecardTrendController } from './scorecard-trend.controller.js';

@Module({
  imports: [ClockModule],
  controllers: [ScorecardTrendController],
  providers: [ScorecardSnapshotsRepository, ScorecardSnapshotsService],
  exports: [ScorecardSnapshotsService],
})
export class ScorecardSnapshotsModule {}
