import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/** Shared look-ups: forecasters and documents for filters and pickers, the probability scales. */
export function useForecasters() {
  return useQuery({
    queryKey: ['forecasters', 'all'],
    queryFn: () => unwrap(api.GET('/forecasters', { params: { query: { limit: 100 } } })),
    staleTime: 5 * 60_000,
  });
}

export function useDocumentsLookup() {
  return useQuery({
    queryKey: ['documents', 'lookup'],
    queryFn: () => unwrap(api.GET('/documents', { params: { query: { limit: 100 } } })),
    staleTime: 5 * 60_000,
  });
}

export function useProbabilityScales() {
  return useQuery({
    queryKey: ['probability-scales'],
    queryFn: () => unwrap(api.GET('/probability-scales')),
    staleTime: Infinity,
  });
}
