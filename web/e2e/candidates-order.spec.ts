import { apiCall, createUser, expect, expectAccessible, screenshots, signInWithKey, test } from './support/fixtures';
import { stamp } from './support/records';

interface Candidate {
  id: string;
  ordinal: number;
  state: string;
  statement: string;
  confidence: number;
}

// Sentences the extractor proposes with different confidences (the learned model's), in an order that is not theirs.
const TEXT = [
  'The ministry said exports rose last year.',
  'Protests may resume.',
  'Russia will most likely keep its troops in Belarus through 2027.',
  'There is a risk that the opposition splits before the elections.',
  'The European Union will probably extend its sanctions next year.',
  'Lukashenka will almost certainly seek another loan from Moscow by the end of 2026.',
].join(' ');

test('a reviewer puts the most likely forecasts first, and back in the text’s order', async ({ page }) => {
  const analyst = await createUser('analyst');
  const document = await apiCall<{ id: string }>(
    'POST',
    '/documents',
    { title: stamp('Review order'), authors: ['Anna Example'], publisher: 'PISM', publishedOn: '2026-11-20', fullText: TEXT },
    analyst.key,
  );
  const { candidates } = await apiCall<{ candidates: Candidate[] }>('POST', `/documents/${document.id}/extractions`, {}, analyst.key);
  const inText = candidates.filter((c) => c.state === 'pending');
  const mostLikelyFirst = [...inText].sort((a, b) => b.confidence - a.confidence || a.ordinal - b.ordinal);
  // The check means something only if the two orders differ.
  expect(mostLikelyFirst.map((c) => c.id)).not.toEqual(inText.map((c) => c.id));

  await signInWithKey(page, analyst, `/app/documents/${document.id}`);
  const list = page.locator('.candidates ol.candidate-list').first();
  const statements = () => list.locator('.candidate-statement').allTextContents();
  await expect(list.locator('.candidate-statement')).toHaveCount(inText.length);
  expect(await statements()).toEqual(inText.map((c) => c.statement));

  const order = page.getByLabel('Order');
  await expect(order).toHaveValue('text');
  await order.selectOption({ label: 'Most likely forecasts first' });
  await expect.poll(statements).toEqual(mostLikelyFirst.map((c) => c.statement));
  const shown = (await list.locator('.candidate-head p').allTextContents()).map((line) =>
    Number(/extraction confidence (\d+)%/.exec(line)?.[1]),
  );
  expect(shown).toEqual(mostLikelyFirst.map((c) => Math.round(c.confidence * 100)));
  await expectAccessible(page, 'document with its proposals, most likely first');
  await screenshots(page, 'candidates-most-likely-first');

  // Ticking one and deciding it keeps the order for what is left.
  const [top] = mostLikelyFirst;
  await page.getByRole('checkbox', { name: `Select ${top.statement}` }).check();
  await page.getByRole('group', { name: 'Decide several proposals at once' }).getByRole('button', { name: 'Accept selected' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accepted' })).toHaveText('Accepted 1 proposal as forecasts.');
  await expect.poll(statements).toEqual(mostLikelyFirst.slice(1).map((c) => c.statement));

  await order.selectOption({ label: 'As in the text' });
  await expect.poll(statements).toEqual(inText.filter((c) => c.id !== top.id).map((c) => c.statement));
});
