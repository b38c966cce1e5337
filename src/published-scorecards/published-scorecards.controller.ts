import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, requireUser, type RequestActor } from '../auth/actor.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Public, RequireRole } from '../auth/auth.decorators.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { PageQuery } from '../common/pagination/page.query.js';
import {
  PublicScorecardDto,
  PublicScorecardQuery,
  PublishedScorecardDto,
  PublishedScorecardPageDto,
  PublishScorecardDto,
} from './dto/published-scorecard.dto.js';
import { PublishedScorecardsService } from './published-scorecards.service.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('scorecards')
@ApiKeyAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto })
@Controller('admin/published-scorecards')
export class PublishedScorecardsController {
  constructor(private readonly published: PublishedScorecardsService) {}

  @Post()
  @Idempotent()
  @RequireRole('admin')
  @ApiOperation({ summary: "Publish a forecaster's or a publisher's scorecard at a public link (admin)." })
  @ApiCreatedResponse({ type: PublishedScorecardDto })
  @ApiConflictResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  publish(@CurrentActor() actor: RequestActor, @Body() body: PublishScorecardDto): Promise<PublishedScorecardDto> {
    return this.published.publish(requireUser(actor), body);
  }

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Published scorecards, newest first (admin).' })
  @ApiOkResponse({ type: PublishedScorecardPageDto })
  list(@Query() query: PageQuery): Promise<PublishedScorecardPageDto> {
    return this.published.list(query);
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Unpublish a scorecard (admin): its link stops working.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  unpublish(@CurrentActor() actor: RequestActor, @Param('id', uuidParam()) id: string): Promise<void> {
    return this.published.unpublish(requireUser(actor), id);
  }
}

@ApiTags('scorecards')
@Controller('public/scorecards')
export class PublicScorecardsController {
  constructor(private readonly published: PublishedScorecardsService) {}

  @Get(':slug')
  @Public()
  @ApiOperation({ summary: 'A published scorecard, readable without signing in; 404 once it is unpublished.' })
  @ApiOkResponse({ type: PublicScorecardDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  read(@Param('slug') slug: string, @Query() query: PublicScorecardQuery): Promise<PublicScorecardDto> {
    return this.published.read(slug, query);
  }
}
