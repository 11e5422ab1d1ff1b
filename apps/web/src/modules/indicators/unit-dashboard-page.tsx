import { Col } from 'antd';
import { unitRankings } from './dashboard-page';
import { ComplianceHeatmap, charts, FigureChart, kpi, periodSearch, type Scope, SubtreeDashboard, SwitchableRanking } from './dashboard-parts';

const unitKpis = [
  kpi('orgs.count', { note: '本单位及下级党组织' }),
  kpi('members.count'),
  kpi('orglife.meetings.count', { cut: { groupBy: 'month' } }),
  kpi('orglife.attendance.rate', { cut: { groupBy: 'month' } }),
  kpi('orglife.compliance.missed', { cut: { groupBy: 'org', thenBy: 'month' } }),
  kpi('orgs.renewalsOverdue'),
  kpi('dues.paid'),
  kpi('dues.arrears'),
  kpi('transfers.pending'),
  kpi('development.cases'),
];

export const branchDashboardOf = (scope: Scope) => (key: string) => (key ? `/dashboard/branch/${key}?${periodSearch(scope)}` : undefined);

/** `/dashboard/unit/:orgId`: one unit's subtree — its figures, its branches ranked, their compliance by month and the meetings trend. */
export function UnitDashboardPage() {
  return (
    <SubtreeDashboard kind="单位看板" kpis={unitKpis}>
      {(scope) => (
        <>
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
            <FigureChart {...charts.meetingsByMonth} scope={scope} emptyText="统计期内暂无会议" testId="unit-meetings-by-month" />
          </Col>
          <Col xs={24}>
            <ComplianceHeatmap
              dimension="org"
              hint="点击格子查看该组织当月未完成的要求"
              scope={scope}
              emptyText="统计期内没有未完成的组织生活要求"
              testId="unit-compliance-heatmap"
              height={520}
            />
          </Col>
          <Col xs={24} lg={12}>
            <FigureChart {...charts.attendanceByMonth} scope={scope} emptyText="统计期内暂无登记应到人员的会议" testId="unit-attendance-by-month" />
          </Col>
        </>
      )}
    </SubtreeDashboard>
  );
}
