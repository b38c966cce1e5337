import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../../api/client';
import { useCan } from '../../app/session';
import { CopyField } from '../common/CopyField';
import { DateTime } from '../common/format';
import { ActionError, RowAction } from '../common/RowAction';
import { itemsOf, type ListPage } from '../common/lists';
import type { ScorecardGroup, ScorecardReport } from './types';

/** POST/GET /admin/published-scorecards (owner: auth): a forecaster's or publisher's scorecard at a public link. */
interface Published {
  id: string;
  slug: string;
  path: string;
  kind: 'forecaster' | 'publisher';
  forecasterId: string | null;
  publisher: string | null;
  label: string;
  createdAt: string;
}

const PUBLISHED = ['scorecards', 'published'] as const;

function publicUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

/**
 * For admins: publish the selected forecaster's or publisher's scorecard at a shareable link (only
 * that scorecard becomes public), and see or withdraw the links already out.
 */
export function Publishing({ report, group }: { report: ScorecardReport; group: ScorecardGroup }) {
  const isAdmin = useCan('admin');
  const queryClient = useQueryClient();
  const published = useQuery({
    queryKey: PUBLISHED,
    queryFn: async () => itemsOf(await request<ListPage<Published>>('/admin/published-scorecards?limit=100')).items,
    enabled: isAdmin,
    retry: false,
  });
  const publish = useMutation({
    mutationFn: (body: { kind: 'forecaster'; forecasterId: string } | { kind: 'publisher'; publisher: string }) =>
      request<Published>('/admin/published-scorecards', { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: PUBLISHED }),
  });
  const unpublish = useMutation({
    mutationFn: (id: string) => request<void>(`/admin/published-scorecards/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: PUBLISHED }),
  });
  if (!isAdmin) return null;
  // Without the publishing routes (a service before sign-in landed) there is nothing to offer.
  if (published.error instanceof ApiError && published.error.status === 404) return null;

  const target =
    group.key && report.groupBy === 'forecaster'
      ? ({ kind: 'forecaster', forecasterId: group.key } as const)
      : group.key && report.groupBy === 'publisher'
        ? ({ kind: 'publisher', publisher: group.key } as const)
        : null;
  const existing = published.data?.find((p) =>
    target?.kind === 'forecaster'
      ? p.forecasterId === target.forecasterId
      : target?.kind === 'publisher'
        ? p.publisher === target.publisher
        : false,
  );
  const shown = publish.data ?? existing;

  return (
    <details className="card publishing">
      <summary>Public links</summary>
      {target ? (
        shown ? (
          <CopyField
            label={`Public scorecard of ${group.label}`}
            value={publicUrl(shown.path)}
            hint="Anyone with this link can read this scorecard, and nothing else."
          />
        ) : (
          <p>
            <button type="button" className="button" disabled={publish.isPending} onClick={() => publish.mutate(target)}>
              Publish {group.label}&apos;s scorecard
            </button>{' '}
            <span className="hint">Anyone with the link can then read it, without signing in.</span>
          </p>
        )
      ) : (
        <p className="hint">Group by forecaster or publisher and choose a row (“Show”) to publish its scorecard.</p>
      )}
      <ActionError error={publish.error} fallback="It could not be published." />
      {published.data && published.data.length > 0 && (
        <div className="table-wrap">
          <table className="compact">
            <caption>Published scorecards</caption>
            <thead>
              <tr>
                <th scope="col">Scorecard</th>
                <th scope="col">Published</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {published.data.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={p.path}>{p.label}</a> <span className="muted small">({p.kind})</span>
                  </td>
                  <td>
                    <DateTime value={p.createdAt} />
                  </td>
                  <td>
                    <RowAction label="Unpublish" context={p.label} busy={unpublish.isPending} onClick={() => unpublish.mutate(p.id)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
