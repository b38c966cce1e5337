import { readFileSync } from 'node:fs';
import request from 'supertest';
import { sliceByCodePoints } from '../../src/documents/quote-locator.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));

describe('ingesting documents from files (e2e)', () => {
  let t: TestApp;
  let analyst: { userId: string; authorization: string };
  let viewer: { userId: string; authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    [analyst, viewer] = await Promise.all([t.userWithKey('analyst'), t.userWithKey('viewer')]);
  });
  afterAll(() => t.close());

  const upload = (name: string, contentType: string, fields: Record<string, string> = {}, who = analyst) => {
    let req = request(t.server).post('/documents').set('authorization', who.authorization);
    for (const [field, value] of Object.entries(fields)) req = req.field(field, value);
    return req.attach('file', fixture(name), { filename: name, contentType });
  };
  const documentCount = () => t.prisma.document.count();

  it('reads a PDF: text with mended line breaks, paragraphs with their pages, metadata, the original kept and an audit entry', async () => {
    const response = await upload('brief.pdf', 'application/pdf', { publisher: 'Test Institute' }).expect(201);
    expect(response.body).toMatchObject({
      title: 'Belarus after the Election',
      authors: ['Anna Example', 'Jan Przykład'],
      publisher: 'Test Institute',
      publishedOn: '2021-03-04',
      forecasts: [],
      file: { filename: 'brief.pdf', mediaType: 'application/pdf', format: 'pdf', pageCount: 2, byteSize: fixture('brief.pdf').length },
    });
    const { fullText, file } = response.body as { fullText: string; file: { paragraphs: { start: number; end: number; page: number }[] } };
    expect(fullText).toContain('Lukashenka will not seek to solve the political crisis through talks with the opposition');
    const lastParagraph = file.paragraphs.at(-1)!;
    expect([sliceByCodePoints(fullText, lastParagraph.start, lastParagraph.end), lastParagraph.page]).toEqual([
      'The West should support Belarusian civil society.',
      2,
    ]);
    const original = await request(t.server)
      .get(`/documents/${response.body.id}/file`)
      .set('authorization', viewer.authorization)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(original.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(original.body as Buffer, fixture('brief.pdf'))).toBe(0);
    const audit = await t.prisma.auditEntry.findMany({ where: { entityId: response.body.id } });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([['document.ingested', analyst.userId]]);
  });

  it('reads a saved web page: the article only, with the page\u2019s citation metadata, and the form\u2019s fields win', async () => {
    const response = await upload('brief.html', 'text/html', { series: 'Briefs', authors: 'Anna Example; Someone Else' }).expect(201);
    expect(response.body).toMatchObject({
      title: 'Russia and Belarus: Closer Still',
      authors: ['Anna Example', 'Someone Else'],
      publisher: 'Example Institute',
      series: 'Briefs',
      publishedOn: '2021-05-20',
      url: 'https://institute.example/briefs/closer-still',
      file: { format: 'html', pageCount: null, metadata: { authors: ['Anna Example', 'Piotr Sample'] } },
    });
    expect(response.body.fullText).toContain('Moscow is unlikely to recognise the opposition');
    expect(response.body.fullText).not.toContain('Subscribe');
  });

  it('keeps plain text as written and takes its first line as the title', async () => {
    const response = await upload('brief.txt', 'text/plain').expect(201);
    expect(response.body.title).toBe('A Short Brief on Belarus');
    expect(response.body.fullText).toBe(fixture('brief.txt').toString('utf8').trim());
  });

  it('still records a document sent as JSON', async () => {
    const response = await request(t.server)
      .post('/documents')
      .set('authorization', analyst.authorization)
      .send({ title: 'Typed in', fullText: 'Russia will act.' })
      .expect(201);
    expect(response.body).toMatchObject({ title: 'Typed in', file: null });
    const invalid = await request(t.server)
      .post('/documents')
      .set('authorization', analyst.authorization)
      .send({ fullText: 'x', extra: 1 })
      .expect(400);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'title' }),
        expect.objectContaining({ field: 'extra', rule: 'unknown_field' }),
      ]),
    );
  });

  it.each([
    ['scanned.pdf', 'application/pdf', 422, 'no_text', /no text layer/],
    ['truncated.pdf', 'application/pdf', 422, 'unreadable_file', /cannot be read/],
    ['picture.png', 'image/png', 415, 'unsupported_media_type', /not a supported type/],
  ])('refuses %s (%s) with %i %s, naming the problem, and records nothing', async (name, type, status, code, message) => {
    const before = await documentCount();
    const response = await upload(name, type).expect(status);
    expect(response.body).toMatchObject({
      status,
      code,
      message: expect.stringMatching(message),
      errors: [expect.objectContaining({ field: 'file' })],
    });
    expect(await documentCount()).toBe(before);
  });

  it('refuses a file over the upload limit with 413', async () => {
    const big = Buffer.alloc(26 * 1024 * 1024, 'a');
    const response = await request(t.server)
      .post('/documents')
      .set('authorization', analyst.authorization)
      .attach('file', big, { filename: 'big.txt', contentType: 'text/plain' });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it.each([
    [
      'a body cut off mid-file',
      '--b1\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nRussia will',
      'multipart/form-data; boundary=b1',
      'body',
      'multipart',
    ],
    ['a content type without its boundary', 'anything', 'multipart/form-data', 'body', 'multipart'],
    [
      'two files',
      ['a', 'b']
        .map(
          (name) =>
            `--b2\r\nContent-Disposition: form-data; name="file"; filename="${name}.txt"\r\nContent-Type: text/plain\r\n\r\nText ${name}.\r\n`,
        )
        .join('') + '--b2--\r\n',
      'multipart/form-data; boundary=b2',
      'file',
      'one_file',
    ],
  ])('refuses %s with 400 naming the rule, and records nothing', async (_label, body, contentType, field, rule) => {
    const before = await documentCount();
    const response = await request(t.server)
      .post('/documents')
      .set('authorization', analyst.authorization)
      .set('content-type', contentType)
      .send(Buffer.from(body))
      .expect(400);
    expect(response.body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field, rule })] });
    expect(await documentCount()).toBe(before);
  });

  it('refuses a form without a file, an unknown field and bad metadata, naming the field', async () => {
    const noFile = await request(t.server).post('/documents').set('authorization', analyst.authorization).field('title', 'x').expect(400);
    expect(noFile.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'required' })]);
    const unknown = await upload('brief.txt', 'text/plain', { colour: 'blue' }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'colour', rule: 'known_field' })]);
    const badDate = await upload('brief.txt', 'text/plain', { publishedOn: '15 Sept 2020' }).expect(400);
    expect(badDate.body.errors).toEqual([expect.objectContaining({ field: 'publishedOn' })]);
  });

  it('answers 409 for a document already recorded, and lets a viewer read but not upload', async () => {
    const conflict = await upload('brief.txt', 'text/plain').expect(409);
    expect(conflict.body.code).toBe('document_exists');
    await upload('brief.md', 'text/markdown', {}, viewer).expect(403);
  });

  it('corrects metadata with PATCH, audited, and keeps the text', async () => {
    const created = await upload('brief.md', 'text/markdown').expect(201);
    const patched = await request(t.server)
      .patch(`/documents/${created.body.id}`)
      .set('authorization', analyst.authorization)
      .send({ title: 'Lukashenka’s Options (corrected)', publishedOn: '2020-10-01', publisher: null })
      .expect(200);
    expect(patched.body).toMatchObject({ title: 'Lukashenka’s Options (corrected)', publishedOn: '2020-10-01', publisher: null });
    expect(patched.body.fullText).toBe(created.body.fullText);
    const entry = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityId: created.body.id, action: 'document.updated' } });
    expect(entry.before).toMatchObject({ title: "Lukashenka's Options" });
    await request(t.server)
      .patch(`/documents/${created.body.id}`)
      .set('authorization', analyst.authorization)
      .send({ fullText: 'new' })
      .expect(400);
  });
});
