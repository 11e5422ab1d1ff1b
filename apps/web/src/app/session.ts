import { type LoginBody, type Me, me } from '@hangbiao/shared/contracts/auth';
import { ok } from '@hangbiao/shared/contracts/common';
import type { Permission } from '@hangbiao/shared/permissions';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './api';
import { meKey } from './query-client';

async function fetchMe(): Promise<Me | null> {
  try {
    const current = await api.get('/api/auth/me', me);
    setCsrfToken(current.csrfToken);
    return current;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

/** The signed-in user, `null` when signed out, `undefined` while loading. */
export function useSession() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
}

/** The signed-in user; only for pages behind the session guard. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() outside the session guard');
  return data;
}

/** What a page asks of the signed-in user, as a route declares it on the server. */
export type Access = Permission | 'authenticated';

export function useCan(): (access: Access) => boolean {
  const { data } = useSession();
  return (access) => (access === 'authenticated' ? Boolean(data) : (data?.permissions.includes(access) ?? false));
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post('/api/auth/login', me, body),
    onSuccess: (current) => {
      setCsrfToken(current.csrfToken);
      client.setQueryData(meKey, current);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout', ok),
    onSettled: () => {
      setCsrfToken(undefined);
      client.clear();
      client.setQueryData(meKey, null);
    },
  });
}
