import { useState } from 'react';
import { ApiError, authHeaders } from '../../api/client';

const FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'md', label: 'Markdown' },
  { format: 'pdf', label: 'PDF' },
  { format: 'json', label: 'JSON' },
] as const;

function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match ? decodeURIComponent(match[1]) : fallback;
}

/**
 * The scorecard as a file, with the same filters as on screen. Fetched with the tab's credentials
 * (session cookie or API key) and handed to the browser as a download.
 */
export function Downloads({ path, query, label = 'Download' }: { path: string; query: URLSearchParams; label?: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async (format: string) => {
    setBusy(format);
    setProblem(null);
    try {
      const params = new URLSearchParams(query);
      params.set('format', format);
      const response = await fetch(`${path}?${params.toString()}`, { headers: authHeaders('GET'), credentials: 'same-origin' });
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => ({}));
        throw new ApiError(response.status, body, response.headers);
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filenameOf(response, `scorecard.${format}`);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : 'The download failed; try again.');
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="downloads" role="group" aria-label={label}>
      <span className="downloads-label">{label}:</span>
      {FORMATS.map(({ format, label: name }) => (
        <button key={format} type="button" className="button small" disabled={busy !== null} onClick={() => void download(format)}>
          {busy === format ? `${name}…` : name}
        </button>
      ))}
      {problem && (
        <p className="form-error small" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
