import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorAlert } from '../components/error-display';
import { areas } from './navigation';
import { ForbiddenPage, NoAccessPage } from './result-pages';
import { type Access, useCan, useSession } from './session';

function FullPageSpin() {
  return (
    <div className="hb-center">
      <Spin size="large" />
    </div>
  );
}

/** Signed-out users go to the login page (and come back after); a forced password change comes first. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <FullPageSpin />;
  if (session.isError) {
    return (
      <div className="hb-center">
        <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </div>
    );
  }
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (session.data.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

export function RequirePermission({ permission, children }: { permission: Access; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <ForbiddenPage />;
}

/**
 * `/` opens the first page the user may see; those who read the figures but do not run the org register
 * (e.g. committee leaders) start on the overview dashboard.
 */
export function HomeRedirect() {
  const can = useCan();
  if (can('indicators.read') && !can('orgs.write')) return <Navigate to="/dashboard" replace />;
  const first = areas.flatMap((area) => area.items).find((item) => can(item.permission));
  return first ? <Navigate to={first.path} replace /> : <NoAccessPage />;
}

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
