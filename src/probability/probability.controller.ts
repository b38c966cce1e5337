import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProbabilityScalesDto } from './probability-scales.dto.js';
import { DEFAULT_SCALE, PROBABILITY_SCALES, UNSCALED, UNSCALED_SUGGESTIONS } from './probability-scales.js';

@ApiTags('estimates')
@ApiBearerAuth()
@Controller('probability-scales')
export class ProbabilityController {
  @Get()
  @ApiOperation({ summary: 'The scales that words of estimative probability are read on, and the suggestions for words on no scale.' })
  @ApiOkResponse({ type: ProbabilityScalesDto })
  list(): ProbabilityScalesDto {
    return {
      defaultScale: DEFAULT_SCALE,
      scales: Object.values(PROBABILITY_SCALES).map((scale) => ({
        id: scale.id,
        name: scale.name,
        source: scale.source,
        phrases: scale.phrases.map((phrase) => ({
          ...phrase,
          aliases: [...phrase.aliases],
          probability: phrase.point ?? Math.round(((phrase.low + phrase.high) / 2) * 10_000) / 10_000,
        })),
      })),
      unscaled: {
        id: UNSCALED,
        note: 'Words on no scale get this suggested number, flagged for an analyst to confirm.',
        phrases: UNSCALED_SUGGESTIONS.map((phrase) => ({
          ...phrase,
          aliases: [...phrase.aliases],
          probability: Math.round(((phrase.low + phrase.high) / 2) * 10_000) / 10_000,
        })),
      },
    };
  }
}
