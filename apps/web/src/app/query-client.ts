import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, setCsrfToken } from './api';

export const meKey = ['auth', 'me'] as const;

/** An expired session anywhere signs the user out, so the router sends them to the login page. */
function onError(error: Error) {
  if (error instanceof ApiError && error.code === 'unauthenticated') {
    setCsrfToken(undefined);
    queryClient.setQueryData(meKey, null);
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not fix themselves; retry only network and server failures.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});
