import type { Forecaster, ProbabilityEstimate } from '@prisma/client';
import type { ProbabilityEstimateDto } from './dto/probability-estimate.dto.js';

export function toEstimate(estimate: ProbabilityEstimate & { forecaster: Pick<Forecaster, 'name'> }): ProbabilityEstimateDto {
  return {
    id: estimate.id,
    forecasterId: estimate.forecasterId,
    forecasterName: estimate.forecaster.name,
    probability: estimate.probability,
    madeAt: estimate.madeAt.toISOString(),
    basis: estimate.basis,
    words: estimate.words,
    scale: estimate.scale,
    rangeLow: estimate.rangeLow,
    rangeHigh: estimate.rangeHigh,
    needsConfirmation: estimate.needsConfirmation,
    rationale: estimate.rationale,
  };
}
