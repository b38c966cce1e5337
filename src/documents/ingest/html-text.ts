import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText } from './plain-text.js';
import {
  assembleParagraphs,
  collapseWhitespace,
  isoDateOf,
  splitAuthors,
  UnreadableFileError,
  type ExtractedDocument,
  type FileMetadata,
} from './extracted-document.js';

/** The little of the DOM this module reads (the project compiles without the DOM library). */
interface HtmlElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): HtmlElement | null;
  querySelectorAll(selectors: string): Iterable<HtmlElement>;
}
interface HtmlDocument extends HtmlElement {
  body: HtmlElement | null;
  documentElement: HtmlElement | null;
}

// linkedom's types do not resolve under NodeNext; the shape used here is declared above.
const parseHtml = parseHTML as unknown as (html: string) => { document: unknown };
const page = (html: string) => parseHtml(html).document as HtmlDocument;

const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, figcaption, td, th, dd, dt';

/** Paragraph texts of an HTML fragment: each block element that holds no other block. */
function blockTexts(root: HtmlElement): string[] {
  const texts: string[] = [];
  for (const element of Array.from(root.querySelectorAll(BLOCKS))) {
    if (element.querySelector(BLOCKS)) continue;
    const text = collapseWhitespace(element.textContent ?? '');
    if (text) texts.push(text);
  }
  return texts;
}

/**
 * The article of a saved web page (Readability finds it, as Firefox's reader view does) as
 * paragraphs, with the page's citation, Open Graph and Dublin Core metadata.
 */
export function extractHtml(bytes: Uint8Array): ExtractedDocument {
  const source = decodeText(bytes, 'web page');
  if (!/<(html|body|head|p|div|article)\b/i.test(source)) throw new UnreadableFileError('broken_file', 'The file is not an HTML page');
  const metadata = metadataOfPage(page(source));
  // Readability changes the document it reads, so it gets its own copy.
  const article = new Readability(parseHtml(source).document as ConstructorParameters<typeof Readability>[0], {
    keepClasses: false,
  }).parse();
  let texts: string[] = [];
  if (article?.content) {
    const content = page(`<!doctype html><html><body>${article.content}</body></html>`);
    texts = blockTexts(content.body ?? content);
  }
  if (texts.length === 0) {
    const whole = page(source);
    texts = blockTexts(whole.body ?? whole);
  }
  const assembled = assembleParagraphs(texts.map((text) => ({ text, page: null })));
  if (!assembled.text) throw new UnreadableFileError('no_text', 'The web page has no article text');
  if (!metadata.title && article?.title) metadata.title = collapseWhitespace(article.title);
  if (!metadata.authors && article?.byline) {
    const authors = splitAuthors(article.byline.replace(/^by\s+/i, ''));
    if (authors.length) metadata.authors = authors;
  }
  if (!metadata.publisher && article?.siteName) metadata.publisher = collapseWhitespace(article.siteName);
  if (!metadata.publishedOn && article?.publishedTime) metadata.publishedOn = isoDateOf(article.publishedTime);
  return { format: 'html', ...assembled, pageCount: null, metadata };
}

export function metadataOfPage(document: HtmlDocument): FileMetadata {
  const metas = Array.from(document.querySelectorAll('meta'));
  const values = (...names: string[]) =>
    metas
      .filter((meta) => names.includes((meta.getAttribute('name') ?? meta.getAttribute('property') ?? '').toLowerCase()))
      .map((meta) => collapseWhitespace(meta.getAttribute('content') ?? ''))
      .filter(Boolean);
  const first = (...names: string[]) => values(...names)[0];
  const metadata: FileMetadata = {};
  const title =
    first('citation_title', 'dc.title', 'og:title', 'twitter:title') ??
    collapseWhitespace(document.querySelector('title')?.textContent ?? '');
  if (title) metadata.title = title;
  const authors = values('citation_author', 'dc.creator', 'author', 'article:author', 'parsely-author').flatMap((value) =>
    /^https?:\/\//.test(value) ? [] : splitAuthors(value),
  );
  if (authors.length) metadata.authors = [...new Set(authors)];
  const publisher = first('citation_publisher', 'dc.publisher', 'og:site_name', 'publisher');
  if (publisher) metadata.publisher = publisher;
  const published = isoDateOf(
    first('citation_publication_date', 'citation_date', 'dc.date', 'dc.date.issued', 'article:published_time', 'date', 'pubdate') ??
      document.querySelector('time[datetime]')?.getAttribute('datetime'),
  );
  if (published) metadata.publishedOn = published;
  const url = first('og:url') ?? document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  if (url && /^https?:\/\//.test(url)) metadata.url = url;
  const language = document.documentElement?.getAttribute('lang');
  if (language && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(language)) metadata.language = language.split('-')[0].toLowerCase();
  return metadata;
}
