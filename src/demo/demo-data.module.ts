import { Module } from '@nestjs/common';
import { ExtractionModule } from '../extraction/extraction.module.js';
import { DemoDataService } from './demo-data.service.js';
import { DemoExtractionService } from './demo-extraction.service.js';

@Module({
  imports: [ExtractionModule],
  providers: [DemoDataService, DemoExtractionService],
  exports: [DemoDataService, DemoExtractionService],
})
export class DemoDataModule {}
