import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { router } from './app/router';
import { sessionEndedByServer } from './app/session';
import './styles.css';

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error) => sessionEndedByServer(queryClient, error) }),
  mutationCache: new MutationCache({ onError: (error) => sessionEndedByServer(queryClient, error) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (not found, not allowed, invalid) will not change on a retry.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
