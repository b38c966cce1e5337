import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters live in the URL so a view can be shared or bookmarked: `values` reads them (empty
 * strings for absent ones) and `set` writes a patch, dropping empty values and, unless a key of
 * `keep` is the only change, the paging cursor (a new filter starts at the first page).
 */
export function useUrlState<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const set = useCallback(
    (patch: Partial<Record<K | 'cursor', string | null | undefined>>, options: { resetCursor?: boolean } = {}) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch) as [string, string | null | undefined][]) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          if (options.resetCursor !== false && !('cursor' in patch)) next.delete('cursor');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { values, set, params };
}

/** The query string of an API call from a record of values, leaving empty ones out. */
export function toQuery(values: Record<string, string | number | boolean | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}
