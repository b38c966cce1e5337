import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, requireUser, type RequestActor } from '../auth/actor.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { createValidationPipe } from '../common/http/validation.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { DocumentIngestService } from './document-ingest.service.js';
import { readDocumentUpload } from './document-upload.js';
import { DocumentsService } from './documents.service.js';
import { CreateDocumentDto } from './dto/create-document.dto.js';
import { DocumentDto } from './dto/document.dto.js';
import { DocumentPageDto, ListDocumentsQuery } from './dto/list-documents.query.js';
import { UpdateDocumentDto } from './dto/update-document.dto.js';
import { UploadDocumentFormDto } from './dto/upload-document.dto.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('documents')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@Controller('documents')
export class DocumentsController {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly documents: DocumentsService,
    private readonly ingest: DocumentIngestService,
  ) {}

  @Post()
  @Idempotent()
  @RequireRole('analyst')
  @ApiExtraModels(CreateDocumentDto, UploadDocumentFormDto)
  @ApiOperation({
    summary:
      'Record a published analysis: its full text as JSON, or an uploaded file (multipart/form-data, field "file": PDF, saved web page, ' +
      'Markdown or plain text, up to 25 MiB) whose text and metadata are read and whose original is kept. Forecasts then quote it.',
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(CreateDocumentDto) } },
        'multipart/form-data': { schema: { $ref: getSchemaPath(UploadDocumentFormDto) } },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The same title and publisher are already recorded.' })
  @ApiPayloadTooLargeResponse({
    type: ErrorBodyDto,
    description: 'A JSON body larger than BODY_LIMIT_BYTES, or a file larger than 25 MiB.',
  })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBodyDto, description: 'A file of a type the service cannot read.' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyDto,
    description:
      'A file that cannot be read: broken (unreadable_file), without text such as a scanned PDF (no_text), or password-protected.',
  })
  async create(@CurrentActor() actor: RequestActor, @Req() request: FastifyRequest): Promise<DocumentDto> {
    if (request.isMultipart()) return this.ingest.ingest(requireUser(actor), await readDocumentUpload(request));
    const body = (await this.validation.transform(request.body, { type: 'body', metatype: CreateDocumentDto })) as CreateDocumentDto;
    return this.documents.create(requireUser(actor), body);
  }

  @Get()
  @ApiOperation({ summary: 'Documents, newest first, with their forecast counts.' })
  @ApiOkResponse({ type: DocumentPageDto })
  list(@Query() query: ListDocumentsQuery): Promise<DocumentPageDto> {
    return this.documents.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A source document with its full text, the forecasts drawn from it and the file it was read from.' })
  @ApiOkResponse({ type: DocumentDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('id', uuidParam()) id: string): Promise<DocumentDto> {
    return this.documents.get(id);
  }

  @Patch(':id')
  @RequireRole('analyst')
  @ApiOperation({
    summary: 'Correct a document\u2019s metadata (title, authors, publisher, series, date, URL, language); its text is fixed.',
  })
  @ApiOkResponse({ type: DocumentDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Another document has the same title and publisher.' })
  update(@CurrentActor() actor: RequestActor, @Param('id', uuidParam()) id: string, @Body() body: UpdateDocumentDto): Promise<DocumentDto> {
    return this.documents.update(requireUser(actor), id, body);
  }

  @Get(':id/file')
  @ApiOperation({ summary: 'The file the document was read from, exactly as uploaded.' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The original file, with its media type and name.', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such document, or it was recorded from JSON.' })
  async file(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.ingest.original(id);
    void reply.header('content-type', file.mediaType);
    void reply.header(
      'content-disposition',
      `attachment; filename="${file.filename.replace(/[^\w. -]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    );
    return new StreamableFile(file.content);
  }
}
