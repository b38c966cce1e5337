import { PrismaService } from '../../src/prisma/prisma.service.js';
import { makeEvidence, makeForecast, makeForecaster, makeUser } from '../factories/index.js';
import { createTestDatabase, TestDatabase } from '../setup/test-database.js';

/** The database enforces the rules by itself, whoever writes to it (raw SQL included). */
describe('database rules', () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let userId: string;
  let forecasterId: string;
  let forecastId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaService(database.url);
    await prisma.$connect();
    userId = (await makeUser(prisma)).id;
    forecasterId = (await makeForecaster(prisma)).id;
    forecastId = (await makeForecast(prisma, userId)).id;
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  const estimate = (probability: number) =>
    prisma.probabilityEstimate.create({
      data: { forecastId, forecasterId, probability, madeAt: new Date(), basis: 'analyst', recordedById: userId },
    });

  it.each([1.2, -0.01, Number.POSITIVE_INFINITY])('rejects a probability of %p', async (probability) => {
    await expect(estimate(probability)).rejects.toThrow(/probability_estimates_probability_range|constraint|Infinity/i);
  });

  it.each([0, 0.5, 1])('accepts a probability of %p', async (probability) => {
    await expect(estimate(probability)).resolves.toMatchObject({ probability });
  });

  it('rejects a raw INSERT with a probability above 1', async () => {
    await expect(
      prisma.$executeRaw`INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
                         VALUES (${forecastId}::uuid, ${forecasterId}::uuid, 1.2, now(), 'analyst', ${userId}::uuid)`,
    ).rejects.toThrow(/probability_estimates_probability_range/);
  });

  it('rejects verbal estimates without their words', async () => {
    await expect(
      prisma.probabilityEstimate.create({
        data: { forecastId, forecasterId, probability: 0.7, madeAt: new Date(), basis: 'verbal', recordedById: userId },
      }),
    ).rejects.toThrow(/probability_estimates_verbal_words/);
  });

  describe('append-only history', () => {
    it('rejects UPDATE and DELETE on an evidence row, and keeps it unchanged', async () => {
      const evidence = await makeEvidence(prisma, userId, { summary: 'Original summary' });
      await expect(prisma.evidence.update({ where: { id: evidence.id }, data: { summary: 'Rewritten' } })).rejects.toThrow(
        /append-only: UPDATE is not allowed/,
      );
      await expect(prisma.$executeRaw`DELETE FROM evidence WHERE id = ${evidence.id}::uuid`).rejects.toThrow(
        /append-only: DELETE is not allowed/,
      );
      await expect(prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).resolves.toMatchObject({
        summary: 'Original summary',
      });
    });

    describe('every history table', () => {
      beforeAll(async () => {
        // One row in each history table, so row triggers have something to refuse.
        const evidence = await makeEvidence(prisma, userId);
        await prisma.evidenceLink.create({ data: { evidenceId: evidence.id, forecastId, stance: 'supports', weight: 'strong' } });
        await prisma.evidenceRetraction.create({ data: { evidenceId: evidence.id, reason: 'Wrong source', retractedById: userId } });
        const resolution = await prisma.resolution.create({
          data: {
            forecastId,
            action: 'resolve',
            outcome: 'yes',
            occurredOn: new Date('2021-02-01'),
            rationale: 'It happened',
            decidedById: userId,
          },
        });
        await prisma.resolutionCitation.create({ data: { resolutionId: resolution.id, evidenceId: evidence.id } });
        const proposal = await prisma.resolutionProposal.create({
          data: { forecastId, outcome: 'yes', occurredOn: new Date('2021-02-01'), rationale: 'It happened', proposedById: userId },
        });
        await prisma.resolutionReview.create({
          data: { proposalId: proposal.id, decision: 'approved', reviewerId: userId, resolutionId: resolution.id },
        });
        await prisma.auditEntry.create({ data: { action: 'test.created', entityType: 'test', entityId: '1' } });
        await estimate(0.5);
      });

      it.each([
        'probability_estimates',
        'evidence',
        'evidence_links',
        'evidence_retractions',
        'resolutions',
        'resolution_citations',
        'resolution_proposals',
        'resolution_reviews',
        'audit_entries',
      ])('rejects UPDATE, DELETE and TRUNCATE on %s', async (table) => {
        const count = async () => Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`))[0].n);
        const before = await count();
        expect(before).toBeGreaterThan(0);
        await expect(
          prisma.$executeRawUnsafe(
            `UPDATE "${table}" SET ${table === 'resolution_citations' ? 'evidence_id = evidence_id' : 'created_at = created_at'}`,
          ),
        ).rejects.toThrow(/append-only: UPDATE is not allowed/);
        await expect(prisma.$executeRawUnsafe(`DELETE FROM "${table}"`)).rejects.toThrow(/append-only: DELETE is not allowed/);
        await expect(prisma.$executeRawUnsafe(`TRUNCATE "${table}" CASCADE`)).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
        expect(await count()).toBe(before);
      });

      it('keeps a proposal and its review as they were: neither the outcome nor the decision can be rewritten', async () => {
        const proposal = await prisma.resolutionProposal.findFirstOrThrow({ where: { forecastId } });
        const review = await prisma.resolutionReview.findFirstOrThrow({ where: { proposalId: proposal.id } });
        await expect(prisma.resolutionProposal.update({ where: { id: proposal.id }, data: { outcome: 'no' } })).rejects.toThrow(
          /append-only: UPDATE is not allowed/,
        );
        await expect(
          prisma.$executeRaw`UPDATE resolution_reviews SET decision = 'rejected', resolution_id = NULL WHERE id = ${review.id}::uuid`,
        ).rejects.toThrow(/append-only: UPDATE is not allowed/);
        await expect(prisma.resolutionReview.delete({ where: { id: review.id } })).rejects.toThrow(/append-only: DELETE is not allowed/);
        await expect(prisma.$executeRaw`DELETE FROM resolution_proposals WHERE id = ${proposal.id}::uuid`).rejects.toThrow(
          /append-only: DELETE is not allowed/,
        );
        expect(await prisma.resolutionProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toEqual(proposal);
        expect(await prisma.resolutionReview.findUniqueOrThrow({ where: { id: review.id } })).toEqual(review);
      });
    });
  });

  it('keeps a forecast outcome only on resolved forecasts', async () => {
    await expect(makeForecast(prisma, userId, { status: 'open', outcome: 'yes' })).rejects.toThrow(/forecasts_outcome_only_when_resolved/);
    await expect(makeForecast(prisma, userId, { status: 'resolved', outcome: null })).rejects.toThrow(
      /forecasts_outcome_only_when_resolved/,
    );
  });

  it('rejects quote offsets without a document, or reversed', async () => {
    await expect(makeForecast(prisma, userId, { quote: 'x', quoteStart: 5, quoteEnd: 3 })).rejects.toThrow(/forecasts_quote_offsets/);
  });

  it('rejects a resolution entry whose outcome does not match its action', async () => {
    await expect(
      prisma.resolution.create({ data: { forecastId, action: 'reopen', outcome: 'yes', rationale: 'x', decidedById: userId } }),
    ).rejects.toThrow(/resolutions_outcome_matches_action/);
  });

  it('rejects an estimate for a forecast that does not exist', async () => {
    await expect(
      prisma.probabilityEstimate.create({
        data: {
          forecastId: '00000000-0000-4000-8000-000000000000',
          forecasterId,
          probability: 0.5,
          madeAt: new Date(),
          basis: 'analyst',
          recordedById: userId,
        },
      }),
    ).rejects.toThrow(/Foreign key|foreign key/);
  });
});
