import { FullscreenOutlined } from '@ant-design/icons';
import { Button, Col, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { FilterBar, FilterField } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import {
  type ChartDef,
  ComplianceHeatmap,
  charts,
  FigureChart,
  KpiRow,
  kpi,
  periodSearch,
  periodText,
  type Scope,
  SwitchableRanking,
  shareRing,
  trend,
  useScope,
  YearField,
} from './dashboard-parts';

/** The overview's headline figures; each reads the cut its chart on this page asks for, so they share one request. */
export const overviewKpis = [
  kpi('orgs.count', { cut: { groupBy: 'kind' } }),
  kpi('members.count', { cut: { groupBy: 'unit' } }),
  kpi('orglife.meetings.count', { cut: { groupBy: 'month' } }),
  kpi('orglife.attendance.rate', { cut: { groupBy: 'month' } }),
  kpi('orglife.compliance.missed', { cut: { groupBy: 'unit', thenBy: 'month' } }),
  kpi('orgs.renewalsOverdue'),
  kpi('dues.paid'),
  kpi('dues.arrears'),
  kpi('transfers.overdue'),
  kpi('development.overdue'),
];

/** The figures the overview ranks units by. */
export const unitRankings = [
  { value: 'orglife.attendance.rate', label: '出席率', unit: '%' },
  { value: 'orglife.compliance.missed', label: '未完成要求', unit: '项' },
  { value: 'dues.arrears', label: '欠交党费', unit: '元' },
  { value: 'members.count', label: '党员数', unit: '人' },
] as const;

const meetingsByYear: ChartDef = {
  title: '近五年组织生活召开次数',
  hint: '点击查看该年会议',
  indicatorKey: 'orglife.meetings.count',
  cut: { groupBy: 'year' },
  toOption: trend('year', '次', 'bar'),
};
const orgsByKind: ChartDef = {
  title: '党组织构成',
  hint: '点击扇区查看该类组织',
  indicatorKey: 'orgs.count',
  cut: { groupBy: 'kind' },
  toOption: shareRing('kind', '个'),
};

/** The five calendar years up to the scope's: the yearly trend. */
export const fiveYears = (scope: Scope): Scope => ({ ...scope, from: `${Number(scope.from.slice(0, 4)) - 4}-01-01` });

export const unitDashboardOf = (scope: Scope) => (key: string) => (key ? `/dashboard/unit/${key}?${periodSearch(scope)}` : undefined);

/** 工作总览: the committee's headline figures, trends, compliance heatmap and unit rankings; every figure opens its records. */
export function DashboardPage() {
  const { scope, update } = useScope();
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
          <FigureChart {...charts.meetingsByMonth} scope={scope} emptyText="该范围与统计期内暂无会议" testId="dashboard-meetings-by-month" />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart {...charts.attendanceByMonth} scope={scope} emptyText="该范围与统计期内暂无登记应到人员的会议" testId="dashboard-attendance-by-month" />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart {...meetingsByYear} scope={yearly} emptyText="近五年暂无会议" testId="dashboard-meetings-by-year" />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart {...orgsByKind} scope={scope} emptyText="该范围与统计期内暂无党组织" testId="dashboard-orgs-by-kind" />
        </Col>
        <Col xs={24}>
          <ComplianceHeatmap
            dimension="unit"
            hint="颜色越深未完成越多；点击格子查看该单位当月未完成的要求"
            scope={scope}
            emptyText="该范围与统计期内没有未完成的组织生活要求"
            testId="dashboard-compliance-heatmap"
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
          <FigureChart {...charts.membersByUnit} scope={scope} emptyText="该范围内暂无党员" testId="dashboard-members-by-unit" height={380} />
        </Col>
      </Row>
    </>
  );
}
