import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ClockModule } from '../common/clock/clock.module.js';
import { FullRestore } from './full-backup/full-restore.js';
import { acceptCsvBodies } from './import-body.js';
import { ImportJobQueue } from './import-job-queue.js';
import { ImportWriter } from './import-writer.js';
import { LedgerCsvStaging } from './ledger-csv-staging.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [ClockModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportJobQueue, ImportWriter, LedgerCsvStaging, FullRestore],
})
export class ImportsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // Application contexts without HTTP (job instances, scripts) have no adapter and take no uploads.
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (adapter) acceptCsvBodies(adapter.getInstance<FastifyInstance>());
  }
}
