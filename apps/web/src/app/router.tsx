import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AccountPage } from './account-page';
import { ChangePasswordPage } from './change-password-page';
import { HomeRedirect, RequirePermission, RequireSession } from './guards';
import { AppLayout } from './layout';
import { LoginPage } from './login-page';
import { areas } from './navigation';
import { NotFoundPage } from './result-pages';

const OrgDetailPage = lazy(() => import('../modules/orgs/org-detail-page').then((m) => ({ default: m.OrgDetailPage })));
const MemberPage = lazy(() => import('../modules/members/member-page').then((m) => ({ default: m.MemberPage })));
const DevelopmentCasePage = lazy(() => import('../modules/members/development-case-page').then((m) => ({ default: m.DevelopmentCasePage })));
const MeetingPage = lazy(() => import('../modules/orglife/meeting-page').then((m) => ({ default: m.MeetingPage })));
const MeetingPrintPage = lazy(() => import('../modules/orglife/meeting-print-page').then((m) => ({ default: m.MeetingPrintPage })));
const CheckinPage = lazy(() => import('../modules/orglife/checkin-page').then((m) => ({ default: m.CheckinPage })));
const IndicatorPage = lazy(() => import('../modules/indicators/indicator-page').then((m) => ({ default: m.IndicatorPage })));
const UnitDashboardPage = lazy(() => import('../modules/indicators/unit-dashboard-page').then((m) => ({ default: m.UnitDashboardPage })));
const BranchDashboardPage = lazy(() => import('../modules/indicators/branch-dashboard-page').then((m) => ({ default: m.BranchDashboardPage })));
const ScreenPage = lazy(() => import('../modules/indicators/screen-page').then((m) => ({ default: m.ScreenPage })));
const NoticesPage = lazy(() => import('../modules/notices/notices-page').then((m) => ({ default: m.NoticesPage })));

const menuRoutes = areas
  .flatMap((area) => area.items)
  .map((item) => ({ path: item.path, element: <RequirePermission permission={item.permission}>{item.element}</RequirePermission> }));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      { path: '/change-password', element: <ChangePasswordPage /> },
      // Pages without the menu shell: the phone check-in page a QR code opens, a meeting record to print, the wall display.
      {
        path: '/checkin/:token',
        element: (
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 96 }} />}>
            <CheckinPage />
          </Suspense>
        ),
      },
      {
        path: '/orglife/meetings/:id/print',
        element: (
          <RequirePermission permission="orglife.read">
            <Suspense fallback={<Spin style={{ display: 'block', marginTop: 96 }} />}>
              <MeetingPrintPage />
            </Suspense>
          </RequirePermission>
        ),
      },
      {
        path: '/screen',
        element: (
          <RequirePermission permission="indicators.read">
            <Suspense fallback={<Spin style={{ display: 'block', marginTop: 96 }} />}>
              <ScreenPage />
            </Suspense>
          </RequirePermission>
        ),
      },
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
            path: '/members/:id',
            element: (
              <RequirePermission permission="members.read">
                <MemberPage />
              </RequirePermission>
            ),
          },
          {
            path: '/members/development/:id',
            element: (
              <RequirePermission permission="members.read">
                <DevelopmentCasePage />
              </RequirePermission>
            ),
          },
          {
            path: '/orglife/meetings/:id',
            element: (
              <RequirePermission permission="orglife.read">
                <MeetingPage />
              </RequirePermission>
            ),
          },
          {
            path: '/dashboard/unit/:orgId',
            element: (
              <RequirePermission permission="indicators.read">
                <UnitDashboardPage />
              </RequirePermission>
            ),
          },
          {
            path: '/dashboard/branch/:orgId',
            element: (
              <RequirePermission permission="indicators.read">
                <BranchDashboardPage />
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
          { path: '/notices', element: <NoticesPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
