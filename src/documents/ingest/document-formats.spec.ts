import { readFileSync } from 'node:fs';
import { sliceByCodePoints } from '../quote-locator.js';
import { detectFormat, extractDocument } from './document-formats.js';
import { UnreadableFileError } from './extracted-document.js';
import { joinLine, linesOfItems, paragraphsOfPages } from './pdf-text.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/documents/${name}`, import.meta.url)));

describe('detectFormat', () => {
  it.each([
    ['brief.pdf', 'application/octet-stream', '%PDF-1.7 …', 'pdf'],
    ['brief.bin', 'application/pdf', 'anything', 'pdf'],
    ['page.htm', 'application/octet-stream', '<p>x</p>', 'html'],
    ['notes.md', 'text/plain', '# x', 'markdown'],
    ['notes.txt', '', 'x', 'text'],
    ['saved', 'application/octet-stream', '<!DOCTYPE html><html>', 'html'],
  ])('%s (%s) is %s', (name, type, head, expected) => {
    expect(detectFormat(name, type, new TextEncoder().encode(head))).toBe(expected);
  });

  it('refuses a type it cannot read, naming the types it can', () => {
    expect(() => detectFormat('photo.png', 'image/png', fixture('picture.png'))).toThrow(/not a supported type: upload a PDF/);
  });
});

describe('PDF lines and paragraphs', () => {
  it.each([
    ['inte-', 'gration', 'integration'],
    ['Austria-', 'Hungary', 'Austria- Hungary'],
    ['well', 'known', 'well known'],
  ])('joins "%s" and "%s" as "%s"', (before, after, joined) => {
    expect(joinLine(before, after)).toBe(joined);
  });

  it('groups items on one baseline into a line and breaks at hasEOL', () => {
    const item = (str: string, x: number, y: number, hasEOL = false) => ({ str, transform: [10, 0, 0, 10, x, y], height: 10, hasEOL });
    expect(
      linesOfItems([item('Russia ', 72, 700), item('will', 110, 700, true), item('deepen', 72, 686)]).map((line) => line.text),
    ).toEqual(['Russia will', 'deepen']);
  });

  it('starts a paragraph at a wide gap and joins one cut by a page break', () => {
    const line = (text: string, y: number) => ({ text, y, x: 72, height: 11 });
    const pages = [
      [line('First paragraph runs over', 700), line('two lines.', 686), line('Second paragraph goes on', 650)],
      [line('onto the next page.', 700)],
    ];
    expect(paragraphsOfPages(pages)).toEqual([
      { text: 'First paragraph runs over two lines.', page: 1 },
      { text: 'Second paragraph goes on onto the next page.', page: 1 },
    ]);
  });
});

describe('extractDocument', () => {
  it('reads a PDF: mended hyphenation, paragraphs across pages, no running header or page numbers, metadata', async () => {
    const document = await extractDocument('brief.pdf', 'application/pdf', fixture('brief.pdf'));
    expect(document.format).toBe('pdf');
    expect(document.pageCount).toBe(2);
    expect(document.text).not.toMatch(/TEST INSTITUTE BRIEF/);
    expect(document.text).toContain('to solve the political crisis through talks');
    expect(document.text).toContain('and Russia will position itself as the guarantor of stability in Belarus.');
    expect(document.metadata).toEqual({
      title: 'Belarus after the Election',
      authors: ['Anna Example', 'Jan Przykład'],
      publishedOn: '2021-03-04',
    });
    const pages = document.paragraphs.map((paragraph) => [
      sliceByCodePoints(document.text, paragraph.start, paragraph.end).slice(0, 20),
      paragraph.page,
    ]);
    expect(pages).toEqual([
      ['Belarus after the El', 1],
      ['Minsk has chosen rep', 1],
      ['Russia will graduall', 1],
      ['The West should supp', 2],
    ]);
  });

  it('reads the article of a web page, without navigation or footer, with its citation metadata', async () => {
    const document = await extractDocument('closer-still.html', 'text/html', fixture('brief.html'));
    expect(document.text).toContain('Moscow is unlikely to recognise the opposition');
    expect(document.text).toContain('a merger of the two states into one cannot be ruled out in the long term.');
    expect(document.text).not.toMatch(/Subscribe|All rights reserved|About us/);
    expect(document.metadata).toEqual({
      title: 'Russia and Belarus: Closer Still',
      authors: ['Anna Example', 'Piotr Sample'],
      publisher: 'Example Institute',
      publishedOn: '2021-05-20',
      url: 'https://institute.example/briefs/closer-still',
      language: 'en',
    });
  });

  it('reads Markdown as the words a reader sees', async () => {
    const document = await extractDocument('options.md', 'text/markdown', fixture('brief.md'));
    expect(document.text.split('\n\n')).toEqual([
      "Lukashenka's Options",
      'By Anna Example',
      'Lukashenka will not seek talks with the opposition. An increase in the repression can be expected.',
      'Russia will deepen economic and military cooperation with Belarus.',
      'There is a risk that the protests will fade by the winter.',
    ]);
    expect(document.metadata.title).toBe("Lukashenka's Options");
  });

  it('keeps plain text as written, paragraphs at blank lines', async () => {
    const document = await extractDocument('brief.txt', 'text/plain', fixture('brief.txt'));
    expect(document.text).toBe(
      'A Short Brief on Belarus\n\nRussia will gradually deepen the integration of both countries.\nIt will focus on economic and military cooperation.\n\nWill the West respond?',
    );
    expect(document.paragraphs.map((paragraph) => sliceByCodePoints(document.text, paragraph.start, paragraph.end))).toEqual(
      document.text.split('\n\n'),
    );
    expect(document.paragraphs.map((paragraph) => paragraph.page)).toEqual([null, null, null]);
  });

  it.each([
    ['scanned.pdf', 'application/pdf', 'no_text', /no text layer \(1 page of images/],
    ['truncated.pdf', 'application/pdf', 'broken_file', /cannot be read/],
    ['fake.pdf', 'application/pdf', 'broken_file', /not a PDF/],
    ['picture.png', 'image/png', 'unsupported_type', /not a supported type/],
    ['empty.txt', 'text/plain', 'no_text', /empty/],
    ['latin1.txt', 'text/plain', 'broken_file', /not UTF-8/],
  ])('refuses %s: %s', async (name, type, reason, message) => {
    const bytes =
      name === 'fake.pdf'
        ? new TextEncoder().encode('hello')
        : name === 'empty.txt'
          ? new Uint8Array()
          : name === 'latin1.txt'
            ? new Uint8Array([0x63, 0x61, 0x66, 0xe9])
            : fixture(name);
    const error = await extractDocument(name, type, bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error).toMatchObject({ reason, message: expect.stringMatching(message) });
  });
});
