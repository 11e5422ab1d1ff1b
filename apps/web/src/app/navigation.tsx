import { ApartmentOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, IdcardOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { Access } from './session';

const OrgTreePage = lazy(() => import('../modules/orgs/org-tree-page').then((m) => ({ default: m.OrgTreePage })));
const OrgListPage = lazy(() => import('../modules/orgs/org-list-page').then((m) => ({ default: m.OrgListPage })));
const UnitListPage = lazy(() => import('../modules/orgs/unit-list-page').then((m) => ({ default: m.UnitListPage })));
const RenewalsPage = lazy(() => import('../modules/orgs/renewals-page').then((m) => ({ default: m.RenewalsPage })));
const MemberListPage = lazy(() => import('../modules/members/member-list-page').then((m) => ({ default: m.MemberListPage })));
const MemberImportPage = lazy(() => import('../modules/members/member-import-page').then((m) => ({ default: m.MemberImportPage })));
const MyMemberPage = lazy(() => import('../modules/members/my-member-page').then((m) => ({ default: m.MyMemberPage })));
const TransferInboxPage = lazy(() => import('../modules/members/transfer-inbox-page').then((m) => ({ default: m.TransferInboxPage })));
const DevelopmentBoardPage = lazy(() => import('../modules/members/development-board-page').then((m) => ({ default: m.DevelopmentBoardPage })));
const DuesLedgerPage = lazy(() => import('../modules/members/dues-ledger-page').then((m) => ({ default: m.DuesLedgerPage })));
const DuesSpecialPage = lazy(() => import('../modules/members/dues-special-page').then((m) => ({ default: m.DuesSpecialPage })));
const MeetingListPage = lazy(() => import('../modules/orglife/meeting-list-page').then((m) => ({ default: m.MeetingListPage })));
const AttendanceRatesPage = lazy(() => import('../modules/orglife/attendance-rates-page').then((m) => ({ default: m.AttendanceRatesPage })));
const MyMeetingsPage = lazy(() => import('../modules/orglife/my-meetings-page').then((m) => ({ default: m.MyMeetingsPage })));
const CompliancePage = lazy(() => import('../modules/orglife/compliance-page').then((m) => ({ default: m.CompliancePage })));
const UserListPage = lazy(() => import('../modules/users/user-list-page').then((m) => ({ default: m.UserListPage })));
const AuditPage = lazy(() => import('../modules/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const DashboardPage = lazy(() => import('../modules/indicators/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const IndicatorCatalogPage = lazy(() => import('../modules/indicators/indicator-catalog-page').then((m) => ({ default: m.IndicatorCatalogPage })));
const MyFiguresPage = lazy(() => import('../modules/indicators/my-figures-page').then((m) => ({ default: m.MyFiguresPage })));

interface NavItem {
  path: string;
  label: string;
  /** A permission, or `authenticated` for a page of one's own that every signed-in user has. */
  permission: Access;
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
    key: 'members',
    label: '党员管理',
    icon: <SolutionOutlined />,
    items: [
      { path: '/members', label: '党员名册', permission: 'members.read', element: <MemberListPage /> },
      { path: '/members/import', label: '批量导入', permission: 'members.write', element: <MemberImportPage /> },
      { path: '/members/transfers', label: '组织关系转接', permission: 'members.read', element: <TransferInboxPage /> },
      { path: '/members/development', label: '发展党员', permission: 'members.read', element: <DevelopmentBoardPage /> },
      { path: '/members/dues', label: '党费收缴', permission: 'members.read', element: <DuesLedgerPage /> },
      { path: '/members/special-dues', label: '特殊党费', permission: 'members.read', element: <DuesSpecialPage /> },
    ],
  },
  {
    key: 'orglife',
    label: '组织生活',
    icon: <CalendarOutlined />,
    items: [
      { path: '/orglife/meetings', label: '会议管理', permission: 'orglife.read', element: <MeetingListPage /> },
      { path: '/orglife/rates', label: '出勤统计', permission: 'orglife.read', element: <AttendanceRatesPage /> },
      { path: '/orglife/compliance', label: '完成情况', permission: 'orglife.read', element: <CompliancePage /> },
      { path: '/orglife/mine', label: '我的组织生活', permission: 'authenticated', element: <MyMeetingsPage /> },
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
  {
    key: 'me',
    label: '我的信息',
    icon: <IdcardOutlined />,
    items: [
      { path: '/me', label: '我的信息', permission: 'authenticated', element: <MyMemberPage /> },
      { path: '/me/figures', label: '我的数据', permission: 'authenticated', element: <MyFiguresPage /> },
    ],
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
