import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AccountPage } from './account-page';
import { ChangePasswordPage } from './change-password-page';
import { HomeRedirect, RequirePermission, RequireSession } from './guards';
import { AppLayout } from './layout';
import { LoginPage } from './login-page';
import { areas } from './navigation';
import { NotFoundPage } from './result-pages';

const OrgDetailPage = lazy(() => import('../modules/orgs/org-detail-page').then((m) => ({ default: m.OrgDetailPage })));
const IndicatorPage = lazy(() => import('../modules/indicators/indicator-page').then((m) => ({ default: m.IndicatorPage })));

const menuRoutes = areas
  .flatMap((area) => area.items)
  .map((item) => ({ path: item.path, element: <RequirePermission permission={item.permission}>{item.element}</RequirePermission> }));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      { path: '/change-password', element: <ChangePasswordPage /> },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          ...menuRoutes,
          {
            path: '/orgs/:id',
            element: (
              <RequirePermission permission="orgs.read">
                <OrgDetailPage />
              </RequirePermission>
            ),
          },
          {
            path: '/indicators/:key',
            element: (
              <RequirePermission permission="indicators.read">
                <IndicatorPage />
              </RequirePermission>
            ),
          },
          { path: '/account', element: <AccountPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
