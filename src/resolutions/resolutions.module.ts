import { Module } from '@nestjs/common';
import { ResolutionProposalsController } from './resolution-proposals.controller.js';
import { ResolutionProposalsService } from './resolution-proposals.service.js';
import { ResolutionsController } from './resolutions.controller.js';
import { ResolutionsService } from './resolutions.service.js';

@Module({
  controllers: [ResolutionsController, ResolutionProposalsController],
  providers: [ResolutionsService, ResolutionProposalsService],
  exports: [ResolutionsService],
})
export class ResolutionsModule {}
