import { Col, Row } from 'antd';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/result-pages';
import { rateByMonth } from './dashboard-page';
import { FigureChart, type Kpi, KpiRow, periodSearch, SubtreeHeader, shareRing, trend, useScope } from './dashboard-parts';

const branchKpis: readonly Kpi[] = [
  { key: 'members.count', title: '党员数', unit: '人', note: '在册党员（含预备党员）', cut: { groupBy: 'category' } },
  { key: 'orglife.meetings.count', title: '本年召开组织生活', unit: '次', note: '已召开的会议', cut: { groupBy: 'kind' } },
  { key: 'orglife.attendance.rate', title: '组织生活出席率', unit: '%', note: '实到人次 ÷ 应到人次', cut: { groupBy: 'month' } },
  { key: 'orglife.compliance.missed', title: '未完成组织生活要求', unit: '项', note: '补录期满仍未达到应开次数', warn: true },
  { key: 'dues.expected', title: '应交党费', unit: '元', note: '本年已到期各月' },
  { key: 'dues.paid', title: '已交党费', unit: '元', note: '本年已到期各月' },
  { key: 'dues.arrears', title: '欠交党费', unit: '元', note: '应交减已交', warn: true },
  { key: 'development.cases', title: '发展党员在培养', unit: '人', note: '按所处阶段', cut: { groupBy: 'stage' } },
];

const byCategory = shareRing('category', '人');
const byAgeBand = trend('ageBand', '人', 'bar');
const byEducation = shareRing('education', '人');
const meetingsByKind = trend('kind', '次', 'bar');
const casesByStage = trend('stage', '人', 'bar');

/** `/dashboard/branch/:orgId`: one branch — its members by category, age and education, its meetings, attendance, dues and development pipeline. */
export function BranchDashboardPage() {
  const { orgId } = useParams();
  const { scope, update } = useScope(orgId);
  if (!orgId) return <NotFoundPage />;
  return (
    <>
      <SubtreeHeader orgId={orgId} kind="支部看板" scope={scope} onChange={update} back={{ to: `/dashboard?${periodSearch(scope)}`, label: '返回工作总览' }} />
      <KpiRow kpis={branchKpis} scope={scope} columns={4} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <FigureChart
            title="党员类别"
            indicatorKey="members.count"
            scope={scope}
            cut={{ groupBy: 'category' }}
            emptyText="暂无在册党员"
            testId="branch-members-by-category"
            toOption={byCategory}
            height={280}
          />
        </Col>
        <Col xs={24} lg={8}>
          <FigureChart
            title="年龄结构"
            indicatorKey="members.count"
            scope={scope}
            cut={{ groupBy: 'ageBand' }}
            emptyText="暂无在册党员"
            testId="branch-members-by-age"
            toOption={byAgeBand}
            height={280}
          />
        </Col>
        <Col xs={24} lg={8}>
          <FigureChart
            title="学历结构"
            indicatorKey="members.count"
            scope={scope}
            cut={{ groupBy: 'education' }}
            emptyText="暂无在册党员"
            testId="branch-members-by-education"
            toOption={byEducation}
            height={280}
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            title="本年组织生活（按会议类型）"
            hint="点击查看该类会议"
            indicatorKey="orglife.meetings.count"
            scope={scope}
            cut={{ groupBy: 'kind' }}
            emptyText="统计期内暂无会议"
            testId="branch-meetings-by-kind"
            toOption={meetingsByKind}
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
            testId="branch-attendance-by-month"
            toOption={rateByMonth}
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            title="发展党员（按所处阶段）"
            hint="点击查看该阶段人员"
            indicatorKey="development.cases"
            scope={scope}
            cut={{ groupBy: 'stage' }}
            emptyText="统计期末没有在培养的发展对象"
            testId="branch-development-by-stage"
            toOption={casesByStage}
          />
        </Col>
      </Row>
    </>
  );
}
