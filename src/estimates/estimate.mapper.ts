import type { EstimateConfirmation, Forecaster, ProbabilityEstimate } from '@prisma/client';
import type { ProbabilityEstimateDto } from './dto/probability-estimate.dto.js';

export type EstimateWithDetails = ProbabilityEstimate & {
  forecaster: Pick<Forecaster, 'name'>;
  confirmation: EstimateConfirmation | null;
};

export function toEstimate(estimate: EstimateWithDetails): ProbabilityEstimateDto {
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
    // Confirmed suggestions need nothing more; the flag on the row keeps what was suggested.
    needsConfirmation: estimate.needsConfirmation && estimate.confirmation === null,
    confirmation: estimate.confirmation
      ? {
          confirmedById: estimate.confirmation.confirmedById,
          at: estimate.confirmation.createdAt.toISOString(),
          comment: estimate.confirmation.comment,
        }
      : null,
    rangeOverrideReason: estimate.rangeOverrideReason,
    recordedById: estimate.recordedById,
    onBehalfReason: estimate.onBehalfReason,
    rationale: estimate.rationale,
  };
}
