/** Media types of the files the service sends, by their file extension. */
export const DOWNLOAD_CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
} as const;

/** Content-Disposition for a file the browser saves as `filename` rather than shows. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename}"`;
}
