import { apiCall, createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';
import { stamp } from './support/records';

interface Candidate {
  id: string;
  state: string;
  statement: string;
  version: number;
  forecastIds: string[];
  decision: { reason: string | null } | null;
}

const TEXT = [
  'Russia will most likely keep its troops in Belarus through 2027.',
  'The opposition is unlikely to return to Minsk before the next election.',
  'The European Union will probably extend its sanctions next year.',
  'Protests may well resume in the spring.',
  'Lukashenka will almost certainly seek another loan from Moscow by the end of 2026.',
].join(' ');

test('a reviewer selects several proposed forecasts and rejects them with one reason, then accepts the rest', async ({ page }) => {
  const analyst = await createUser('analyst');
  const document = await apiCall<{ id: string }>(
    'POST',
    '/documents',
    { title: stamp('Bulk review'), authors: ['Anna Example'], publisher: 'PISM', publishedOn: '2026-11-20', fullText: TEXT },
    analyst.key,
  );
  const run = await apiCall<{ candidates: Candidate[] }>('POST', `/documents/${document.id}/extractions`, {}, analyst.key);
  const candidates = run.candidates;
  expect(candidates.length).toBeGreaterThanOrEqual(4);
  const candidatesNow = async () =>
    (await apiCall<{ data: Candidate[] }>('GET', `/documents/${document.id}/candidates`, undefined, analyst.key)).data;

  await signInWithKey(page, analyst, `/app/documents/${document.id}`);
  const bulk = page.getByRole('group', { name: 'Decide several proposals at once' });
  await expect(bulk).toContainText('None selected');
  await expect(bulk.getByRole('button', { name: 'Accept selected' })).toBeDisabled();
  const box = (candidate: Candidate) => page.getByRole('checkbox', { name: `Select ${candidate.statement}` });

  // With the keyboard: Space ticks a focused checkbox.
  const [first, second, ...rest] = candidates;
  await box(first).focus();
  await page.keyboard.press('Space');
  await box(second).focus();
  await page.keyboard.press('Space');
  await expect(bulk).toContainText('2 selected');
  await expect(page.getByRole('checkbox', { name: `Select all pending (${candidates.length})` })).not.toBeChecked();
  await bulk.getByRole('button', { name: 'Reject selected…' }).click();
  const reason = bulk.getByLabel('Why reject the 2 proposals?');
  await expect(reason).toBeFocused();
  await reason.fill('Descriptions of the present, not forecasts.');
  await expectAccessible(page, 'document with a bulk rejection under way');
  await screenshots(page, 'candidates-bulk');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Rejected' })).toHaveText('Rejected 2 proposals.');
  await expect(bulk).toContainText('None selected');
  await expect(page.getByText(`${rest.length} waiting for review, 2 decided.`)).toBeVisible();
  const afterReject = await candidatesNow();
  for (const candidate of [first, second]) {
    expect(afterReject.find((c) => c.id === candidate.id)).toMatchObject({
      state: 'rejected',
      decision: { reason: 'Descriptions of the present, not forecasts.' },
    });
  }
  expect(afterReject.filter((c) => c.state === 'pending').map((c) => c.id)).toEqual(rest.map((c) => c.id));

  // A candidate decided elsewhere meanwhile: the whole acceptance is refused, the error says which, nothing is written.
  const selectAll = page.getByRole('checkbox', { name: `Select all pending (${rest.length})` });
  await selectAll.check();
  await expect(bulk).toContainText(`${rest.length} selected`);
  const [taken] = rest;
  await apiCall('POST', `/candidates/${taken.id}/reject`, { reason: 'Decided by someone else.' }, analyst.key);
  await bulk.getByRole('button', { name: 'Accept selected' }).click();
  await expect(bulk.getByRole('alert')).toContainText(`Candidate ${taken.id} is rejected`);
  await expectAccessible(page, 'document with a refused bulk acceptance');
  await screenshots(page, 'candidates-bulk-refused');
  expect((await candidatesNow()).filter((c) => c.state === 'accepted')).toEqual([]);

  // The list is read again: the taken one drops out of the selection, and the others are accepted in one go.
  await expect(bulk).toContainText('Nothing was saved. The list now shows what changed');
  const remaining = rest.slice(1);
  await expect(page.getByRole('checkbox', { name: `Select all pending (${remaining.length})` })).toBeChecked();
  await expect(bulk).toContainText(`${remaining.length} selected`);
  await expect(box(taken)).toHaveCount(0);
  await bulk.getByRole('button', { name: 'Accept selected' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accepted' })).toHaveText(
    `Accepted ${remaining.length} ${remaining.length === 1 ? 'proposal' : 'proposals'} as forecasts.`,
  );
  await expect(page.getByText('Every proposal has been reviewed')).toBeVisible();
  await expect(bulk).toHaveCount(0);
  const final = await candidatesNow();
  expect(final.filter((c) => c.state === 'accepted').map((c) => c.id)).toEqual(remaining.map((c) => c.id));
  await expect(page.getByRole('heading', { name: `Forecasts from this document (${remaining.length})` })).toBeVisible();
  await expectAccessible(page, 'document after a bulk acceptance');
});

test('a viewer sees the proposals without selection or bulk controls', async ({ page }) => {
  const analyst = await createUser('analyst');
  const viewer = await createUser('viewer');
  const document = await apiCall<{ id: string }>('POST', '/documents', { title: stamp('Read only'), fullText: TEXT }, analyst.key);
  await apiCall('POST', `/documents/${document.id}/extractions`, {}, analyst.key);
  await signInWithKey(page, viewer, `/app/documents/${document.id}`);
  await expect(page.getByText(/waiting for review/)).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Decide several proposals at once' })).toHaveCount(0);
});
