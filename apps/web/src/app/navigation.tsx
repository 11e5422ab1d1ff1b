import { ApartmentOutlined, AuditOutlined, BarChartOutlined, TeamOutlined } from '@ant-design/icons';
import type { Permission } from '@hangbiao/shared/permissions';
import { lazy, type ReactNode } from 'react';

const OrgTreePage = lazy(() => import('../modules/orgs/org-tree-page').then((m) => ({ default: m.OrgTreePage })));
const OrgListPage = lazy(() => import('../modules/orgs/org-list-page').then((m) => ({ default: m.OrgListPage })));
const UnitListPage = lazy(() => import('../modules/orgs/unit-list-page').then((m) => ({ default: m.UnitListPage })));
const RenewalsPage = lazy(() => import('../modules/orgs/renewals-page').then((m) => ({ default: m.RenewalsPage })));
const UserListPage = lazy(() => import('../modules/users/user-list-page').then((m) => ({ default: m.UserListPage })));
const AuditPage = lazy(() => import('../modules/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const DashboardPage = lazy(() => import('../modules/indicators/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const IndicatorCatalogPage = lazy(() => import('../modules/indicators/indicator-catalog-page').then((m) => ({ default: m.IndicatorCatalogPage })));

interface NavItem {
  path: string;
  label: string;
  permission: Permission;
  element: ReactNode;
}

interface NavArea {
  key: string;
  label: string;
  icon: ReactNode;
  items: NavItem[];
}

/** The side menu by area; each page is reachable only with its permission. New areas are added here. */
export const areas: NavArea[] = [
  {
    key: 'orgs',
    label: '组织架构',
    icon: <ApartmentOutlined />,
    items: [
      { path: '/orgs/tree', label: '组织树', permission: 'orgs.read', element: <OrgTreePage /> },
      { path: '/orgs', label: '组织列表', permission: 'orgs.read', element: <OrgListPage /> },
      { path: '/orgs/units', label: '单位管理', permission: 'orgs.read', element: <UnitListPage /> },
      { path: '/orgs/renewals', label: '换届提醒', permission: 'orgs.read', element: <RenewalsPage /> },
    ],
  },
  {
    key: 'users',
    label: '用户与权限',
    icon: <TeamOutlined />,
    items: [{ path: '/users', label: '用户与权限', permission: 'users.read', element: <UserListPage /> }],
  },
  {
    key: 'stats',
    label: '统计分析',
    icon: <BarChartOutlined />,
    items: [
      { path: '/dashboard', label: '工作总览', permission: 'indicators.read', element: <DashboardPage /> },
      { path: '/indicators', label: '指标目录', permission: 'indicators.read', element: <IndicatorCatalogPage /> },
    ],
  },
  {
    key: 'audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    items: [{ path: '/audit', label: '审计日志', permission: 'audit.read', element: <AuditPage /> }],
  },
];

/** The menu entry a path belongs to: the longest item path that prefixes it (`/orgs/<id>` → 组织列表). */
export function navKeyOf(pathname: string): string | undefined {
  let best: string | undefined;
  for (const item of areas.flatMap((area) => area.items)) {
    const matches = pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.length)) best = item.path;
  }
  return best;
}
