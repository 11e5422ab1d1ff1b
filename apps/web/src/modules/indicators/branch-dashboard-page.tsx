import { Col } from 'antd';
import { type ChartDef, charts, FigureChart, kpi, SubtreeDashboard, shareRing, trend } from './dashboard-parts';

const duesOfThisYear = { note: '本年已到期各月' };

const branchKpis = [
  kpi('members.count', { cut: { groupBy: 'category' } }),
  kpi('orglife.meetings.count', { title: '本年召开组织生活', note: '已召开的会议', cut: { groupBy: 'kind' } }),
  kpi('orglife.attendance.rate', { cut: { groupBy: 'month' } }),
  kpi('orglife.compliance.missed'),
  kpi('dues.expected', duesOfThisYear),
  kpi('dues.paid', duesOfThisYear),
  kpi('dues.arrears'),
  kpi('development.cases', { note: '按所处阶段', cut: { groupBy: 'stage' } }),
];

/** The branch's members three ways, side by side. */
const memberCharts: readonly (Omit<ChartDef, 'indicatorKey'> & { testId: string })[] = [
  { title: '党员类别', cut: { groupBy: 'category' }, toOption: shareRing('category', '人'), testId: 'branch-members-by-category' },
  { title: '年龄结构', cut: { groupBy: 'ageBand' }, toOption: trend('ageBand', '人', 'bar'), testId: 'branch-members-by-age' },
  { title: '学历结构', cut: { groupBy: 'education' }, toOption: shareRing('education', '人'), testId: 'branch-members-by-education' },
];

const meetingsByKind: ChartDef = {
  title: '本年组织生活（按会议类型）',
  hint: '点击查看该类会议',
  indicatorKey: 'orglife.meetings.count',
  cut: { groupBy: 'kind' },
  toOption: trend('kind', '次', 'bar'),
};
const casesByStage: ChartDef = {
  title: '发展党员（按所处阶段）',
  hint: '点击查看该阶段人员',
  indicatorKey: 'development.cases',
  cut: { groupBy: 'stage' },
  toOption: trend('stage', '人', 'bar'),
};

/** `/dashboard/branch/:orgId`: one branch — its members by category, age and education, its meetings, attendance, dues and development pipeline. */
export function BranchDashboardPage() {
  return (
    <SubtreeDashboard kind="支部看板" kpis={branchKpis} columns={4}>
      {(scope) => (
        <>
          {memberCharts.map((chart) => (
            <Col key={chart.testId} xs={24} lg={8}>
              <FigureChart {...chart} indicatorKey="members.count" scope={scope} emptyText="暂无在册党员" height={280} />
            </Col>
          ))}
          <Col xs={24} lg={12}>
            <FigureChart {...meetingsByKind} scope={scope} emptyText="统计期内暂无会议" testId="branch-meetings-by-kind" />
          </Col>
          <Col xs={24} lg={12}>
            <FigureChart {...charts.attendanceByMonth} scope={scope} emptyText="统计期内暂无登记应到人员的会议" testId="branch-attendance-by-month" />
          </Col>
          <Col xs={24} lg={12}>
            <FigureChart {...casesByStage} scope={scope} emptyText="统计期末没有在培养的发展对象" testId="branch-development-by-stage" />
          </Col>
        </>
      )}
    </SubtreeDashboard>
  );
}
