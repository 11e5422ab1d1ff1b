import { FullscreenOutlined } from '@ant-design/icons';
import { Button, Col, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { FilterBar, FilterField } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import {
  FigureChart,
  heatmap,
  type Kpi,
  KpiRow,
  periodSearch,
  periodText,
  rankingBars,
  type Scope,
  SwitchableRanking,
  shareRing,
  trend,
  useScope,
  YearField,
} from './dashboard-parts';

/** The overview's headline figures; each reads the cut its chart on this page asks for, so they share one request. */
export const overviewKpis: readonly Kpi[] = [
  { key: 'orgs.count', title: '党组织数', unit: '个', note: '统计期末存续的党组织', cut: { groupBy: 'kind' } },
  { key: 'members.count', title: '党员数', unit: '人', note: '在册党员（含预备党员）', cut: { groupBy: 'unit' } },
  { key: 'orglife.meetings.count', title: '召开组织生活', unit: '次', note: '统计期内已召开的会议', cut: { groupBy: 'month' } },
  { key: 'orglife.attendance.rate', title: '组织生活出席率', unit: '%', note: '实到人次 ÷ 应到人次', cut: { groupBy: 'month' } },
  {
    key: 'orglife.compliance.missed',
    title: '未完成组织生活要求',
    unit: '项',
    note: '补录期满仍未达到应开次数',
    warn: true,
    cut: { groupBy: 'unit', thenBy: 'month' },
  },
  { key: 'orgs.renewalsOverdue', title: '逾期未换届组织', unit: '个', note: '任期届满尚未换届', warn: true },
  { key: 'dues.paid', title: '已交党费', unit: '元', note: '统计期内已到期各月' },
  { key: 'dues.arrears', title: '欠交党费', unit: '元', note: '应交减已交', warn: true },
  { key: 'transfers.overdue', title: '逾期未办结转接', unit: '件', note: '超过办理期限', warn: true },
  { key: 'development.overdue', title: '发展党员逾期步骤', unit: '人', note: '下一步骤已过期限', warn: true },
];

/** The figures the overview ranks units by. */
export const unitRankings = [
  { value: 'orglife.attendance.rate', label: '出席率', unit: '%' },
  { value: 'orglife.compliance.missed', label: '未完成要求', unit: '项' },
  { value: 'dues.arrears', label: '欠交党费', unit: '元' },
  { value: 'members.count', label: '党员数', unit: '人' },
] as const;

/** The five calendar years up to the scope's: the yearly trend. */
export const fiveYears = (scope: Scope): Scope => ({ ...scope, from: `${Number(scope.from.slice(0, 4)) - 4}-01-01` });

export const unitDashboardOf = (scope: Scope) => (key: string) => (key ? `/dashboard/unit/${key}?${periodSearch(scope)}` : undefined);

/** 工作总览: the committee's headline figures, trends, compliance heatmap and unit rankings; every figure opens its records. */
export function DashboardPage() {
  const { scope, update } = useScope();
  const byUnitAndMonth = useMemo(() => heatmap('unit', scope), [scope]);
  const yearly = useMemo(() => fiveYears(scope), [scope]);

  return (
    <>
      <PageHeader
        title="工作总览"
        extra={
          <>
            <Typography.Text type="secondary">统计期：{periodText(scope)}</Typography.Text>
            <Link to="/screen" target="_blank">
              <Button icon={<FullscreenOutlined />}>大屏模式</Button>
            </Link>
          </>
        }
      />
      <FilterBar>
        <FilterField label="统计范围" htmlFor="dashboard-org" width={280}>
          <OrgPicker id="dashboard-org" placeholder="全部（我的权限范围）" value={scope.orgId} onChange={(orgId) => update({ orgId })} />
        </FilterField>
        <YearField id="dashboard-year" scope={scope} onChange={update} />
      </FilterBar>
      <KpiRow kpis={overviewKpis} scope={scope} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <FigureChart
            title="组织生活召开趋势（按月）"
            hint="点击查看当月会议"
            indicatorKey="orglife.meetings.count"
            scope={scope}
            cut={{ groupBy: 'month' }}
            emptyText="该范围与统计期内暂无会议"
            testId="dashboard-meetings-by-month"
            toOption={meetingsByMonth}
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            title="组织生活出席率（按月）"
            hint="点击查看当月会议的出席"
            indicatorKey="orglife.attendance.rate"
            scope={scope}
            cut={{ groupBy: 'month' }}
            emptyText="该范围与统计期内暂无登记应到人员的会议"
            testId="dashboard-attendance-by-month"
            toOption={rateByMonth}
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            title="近五年组织生活召开次数"
            hint="点击查看该年会议"
            indicatorKey="orglife.meetings.count"
            scope={yearly}
            cut={{ groupBy: 'year' }}
            emptyText="近五年暂无会议"
            testId="dashboard-meetings-by-year"
            toOption={meetingsByYear}
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            title="党组织构成"
            hint="点击扇区查看该类组织"
            indicatorKey="orgs.count"
            scope={scope}
            cut={{ groupBy: 'kind' }}
            emptyText="该范围与统计期内暂无党组织"
            testId="dashboard-orgs-by-kind"
            toOption={orgsByKind}
          />
        </Col>
        <Col xs={24}>
          <FigureChart
            title="组织生活未完成要求（单位 × 月份）"
            hint="颜色越深未完成越多；点击格子查看该单位当月未完成的要求"
            indicatorKey="orglife.compliance.missed"
            scope={scope}
            cut={{ groupBy: 'unit', thenBy: 'month' }}
            emptyText="该范围与统计期内没有未完成的组织生活要求"
            testId="dashboard-compliance-heatmap"
            toOption={byUnitAndMonth}
            height={560}
          />
        </Col>
        <Col xs={24} lg={12}>
          <SwitchableRanking
            title="单位排名"
            options={unitRankings}
            dimension="unit"
            scope={scope}
            dashboardOf={unitDashboardOf(scope)}
            testId="dashboard-unit-ranking"
            hint="点击单位名称打开该单位的看板，点击数值查看明细"
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            title="各单位党员数（前 15）"
            hint="点击柱条查看该单位党员"
            indicatorKey="members.count"
            scope={scope}
            cut={{ groupBy: 'unit' }}
            emptyText="该范围内暂无党员"
            testId="dashboard-members-by-unit"
            toOption={membersByUnit}
            height={380}
          />
        </Col>
      </Row>
    </>
  );
}

export const meetingsByMonth = trend('month', '次', 'bar');
export const rateByMonth = trend('month', '%');
export const meetingsByYear = trend('year', '次', 'bar');
export const orgsByKind = shareRing('kind', '个');
export const membersByUnit = rankingBars('unit', '人');
