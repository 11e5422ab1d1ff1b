import { Col, Row } from 'antd';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/result-pages';
import { meetingsByMonth, rateByMonth, unitRankings } from './dashboard-page';
import { FigureChart, heatmap, type Kpi, KpiRow, periodSearch, type Scope, SubtreeHeader, SwitchableRanking, useScope } from './dashboard-parts';

const unitKpis: readonly Kpi[] = [
  { key: 'orgs.count', title: '党组织数', unit: '个', note: '本单位及下级党组织' },
  { key: 'members.count', title: '党员数', unit: '人', note: '在册党员（含预备党员）' },
  { key: 'orglife.meetings.count', title: '召开组织生活', unit: '次', note: '统计期内已召开的会议', cut: { groupBy: 'month' } },
  { key: 'orglife.attendance.rate', title: '组织生活出席率', unit: '%', note: '实到人次 ÷ 应到人次', cut: { groupBy: 'month' } },
  {
    key: 'orglife.compliance.missed',
    title: '未完成组织生活要求',
    unit: '项',
    note: '补录期满仍未达到应开次数',
    warn: true,
    cut: { groupBy: 'org', thenBy: 'month' },
  },
  { key: 'orgs.renewalsOverdue', title: '逾期未换届组织', unit: '个', note: '任期届满尚未换届', warn: true },
  { key: 'dues.paid', title: '已交党费', unit: '元', note: '统计期内已到期各月' },
  { key: 'dues.arrears', title: '欠交党费', unit: '元', note: '应交减已交', warn: true },
  { key: 'transfers.pending', title: '办理中的转接', unit: '件', note: '尚未办结的组织关系转接' },
  { key: 'development.cases', title: '发展党员在培养', unit: '人', note: '申请人、积极分子、发展对象、预备党员' },
];

export const branchDashboardOf = (scope: Scope) => (key: string) => (key ? `/dashboard/branch/${key}?${periodSearch(scope)}` : undefined);

/** `/dashboard/unit/:orgId`: one unit's subtree — its figures, its branches ranked, their compliance by month and the meetings trend. */
export function UnitDashboardPage() {
  const { orgId } = useParams();
  const { scope, update } = useScope(orgId);
  const byOrgAndMonth = useMemo(() => heatmap('org', scope), [scope]);
  if (!orgId) return <NotFoundPage />;
  return (
    <>
      <SubtreeHeader orgId={orgId} kind="单位看板" scope={scope} onChange={update} back={{ to: `/dashboard?${periodSearch(scope)}`, label: '返回工作总览' }} />
      <KpiRow kpis={unitKpis} scope={scope} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <SwitchableRanking
            title="党支部排名"
            options={unitRankings}
            dimension="org"
            scope={scope}
            dashboardOf={branchDashboardOf(scope)}
            testId="unit-branch-ranking"
            hint="点击党组织名称打开其支部看板，点击数值查看明细"
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            title="组织生活召开趋势（按月）"
            hint="点击查看当月会议"
            indicatorKey="orglife.meetings.count"
            scope={scope}
            cut={{ groupBy: 'month' }}
            emptyText="统计期内暂无会议"
            testId="unit-meetings-by-month"
            toOption={meetingsByMonth}
          />
        </Col>
        <Col xs={24}>
          <FigureChart
            title="组织生活未完成要求（党组织 × 月份）"
            hint="点击格子查看该组织当月未完成的要求"
            indicatorKey="orglife.compliance.missed"
            scope={scope}
            cut={{ groupBy: 'org', thenBy: 'month' }}
            emptyText="统计期内没有未完成的组织生活要求"
            testId="unit-compliance-heatmap"
            toOption={byOrgAndMonth}
            height={520}
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            title="组织生活出席率（按月）"
            hint="点击查看当月会议的出席"
            indicatorKey="orglife.attendance.rate"
            scope={scope}
            cut={{ groupBy: 'month' }}
            emptyText="统计期内暂无登记应到人员的会议"
            testId="unit-attendance-by-month"
            toOption={rateByMonth}
          />
        </Col>
      </Row>
    </>
  );
}
