import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DocumentIngestService } from './document-ingest.service.js';
import { acceptMultipartBodies } from './document-upload.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';

@Module({ controllers: [DocumentsController], providers: [DocumentsService, DocumentIngestService], exports: [DocumentsService] })
export class DocumentsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // Application contexts without HTTP (job instances, scripts) take no uploads.
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (adapter) acceptMultipartBodies(adapter.getInstance<FastifyInstance>());
  }
}
