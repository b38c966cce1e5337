import { marked } from 'marked';

// marked's Token union does not resolve for the linter under NodeNext; MarkdownToken declares what is read.
const lex = marked.lexer as unknown as (source: string) => MarkdownToken[];
import { assembleParagraphs, collapseWhitespace, UnreadableFileError, type ExtractedDocument } from './extracted-document.js';

/** UTF-8 text (a BOM is dropped); a file that is not UTF-8 text, or holds binary control bytes, is refused. */
export function decodeText(bytes: Uint8Array, what: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UnreadableFileError('broken_file', `The ${what} is not UTF-8 text; save it as UTF-8 and upload it again`);
  }
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what tells binary data from text
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) {
    throw new UnreadableFileError('broken_file', `The ${what} holds binary data, not text`);
  }
  return text;
}

/** The fields of marked's tokens this module reads (its Token union is wider than needed here). */
interface MarkdownToken {
  type: string;
  raw: string;
  text?: string;
  depth?: number;
  tokens?: MarkdownToken[];
  items?: { tokens?: MarkdownToken[] }[];
  header?: { text: string }[];
  rows?: { text: string }[][];
}

/** Plain text: paragraphs are separated by blank lines; lines inside a paragraph are kept as written. */
export function extractPlainText(bytes: Uint8Array): ExtractedDocument {
  const text = decodeText(bytes, 'text file').replace(/\r\n?/g, '\n');
  const blocks = text.split(/\n[ \t]*\n+/).map((block) => block.replace(/[ \t]+\n/g, '\n').trim());
  const assembled = assembleParagraphs(blocks.map((block) => ({ text: block, page: null })));
  if (!assembled.text) throw new UnreadableFileError('no_text', 'The text file is empty');
  const firstLine = assembled.text.split('\n', 1)[0];
  return { format: 'text', ...assembled, pageCount: null, metadata: firstLine.length <= 300 ? { title: firstLine } : {} };
}

/** The words a reader sees in Markdown (marked's lexer), one paragraph per block: headings, paragraphs, list items, quotes. */
export function extractMarkdown(bytes: Uint8Array): ExtractedDocument {
  const source = decodeText(bytes, 'Markdown file');
  const blocks: string[] = [];
  let title: string | undefined;
  const inline = (tokens: MarkdownToken[] | undefined, raw: string): string =>
    tokens ? tokens.map((token) => (token.tokens ? inline(token.tokens, token.raw) : (token.text ?? token.raw))).join('') : raw;
  const walk = (tokens: MarkdownToken[]) => {
    for (const token of tokens) {
      switch (token.type) {
        case 'heading':
          if (!title && token.depth === 1) title = collapseWhitespace(inline(token.tokens, token.raw));
          blocks.push(collapseWhitespace(inline(token.tokens, token.raw)));
          break;
        case 'paragraph':
        case 'text':
          blocks.push(collapseWhitespace(decodeEntities(inline(token.tokens, token.raw))));
          break;
        case 'blockquote':
          walk(token.tokens ?? []);
          break;
        case 'list':
          for (const item of token.items ?? []) walk(item.tokens ?? []);
          break;
        case 'code':
          blocks.push(token.text ?? token.raw);
          break;
        case 'table':
          for (const row of [token.header ?? [], ...(token.rows ?? [])])
            blocks.push(collapseWhitespace(row.map((cell) => cell.text).join(' | ')));
          break;
        default:
          break;
      }
    }
  };
  walk(lex(source.replace(/\r\n?/g, '\n')));
  const assembled = assembleParagraphs(blocks.map((block) => ({ text: block, page: null })));
  if (!assembled.text) throw new UnreadableFileError('no_text', 'The Markdown file has no text');
  return { format: 'markdown', ...assembled, pageCount: null, metadata: title ? { title } : {} };
}

/** marked keeps HTML entities of the source escaped in token text ("&amp;", "&#39;"). */
function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
