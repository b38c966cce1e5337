import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, requireUser, type RequestActor } from '../auth/actor.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { DocumentsService } from './documents.service.js';
import { CreateDocumentDto } from './dto/create-document.dto.js';
import { DocumentDto } from './dto/document.dto.js';
import { DocumentPageDto, ListDocumentsQuery } from './dto/list-documents.query.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';

@ApiTags('documents')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @RequireRole('analyst')
  @ApiOperation({ summary: 'Record a published analysis with its full text; forecasts then quote it.' })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The same title and publisher are already recorded.' })
  create(@CurrentActor() actor: RequestActor, @Body() body: CreateDocumentDto): Promise<DocumentDto> {
    return this.documents.create(requireUser(actor), body);
  }

  @Get()
  @ApiOperation({ summary: 'Documents, newest first, with their forecast counts.' })
  @ApiOkResponse({ type: DocumentPageDto })
  list(@Query() query: ListDocumentsQuery): Promise<DocumentPageDto> {
    return this.documents.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A source document with its full text and the forecasts drawn from it.' })
  @ApiOkResponse({ type: DocumentDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('id', uuidParam()) id: string): Promise<DocumentDto> {
    return this.documents.get(id);
  }
}
