import type { MyFigures } from '@hangbiao/shared/contracts/indicators';
import { meetingKinds } from '@hangbiao/shared/glossary';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Progress, Row, Skeleton, Statistic, Table, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { PageHeader } from '../../components/page-header';
import { CaseStatusTag, StageTag } from '../members/development-labels';
import { TransferKindTag, TransferStateTag } from '../members/transfer-labels';
import { figureText } from './indicator-labels';
import { myFiguresQuery } from './indicator-queries';

const yuanText = (fen: number) => figureText(fen / 100);

function MeetingsCard({ figures }: { figures: MyFigures }) {
  const { meetings } = figures;
  return (
    <Card size="small" title="组织生活" extra={<Link to="/orglife/mine">我的组织生活</Link>} data-testid="my-figures-meetings">
      <Row gutter={16} align="middle">
        <Col span={10}>
          <Progress type="circle" size={96} percent={meetings.rate ?? 0} format={() => (meetings.rate === null ? '—' : `${figureText(meetings.rate)}%`)} />
        </Col>
        <Col span={14}>
          <Statistic title="出席 / 应参加（次）" value={`${meetings.present} / ${meetings.expected}`} />
          <Typography.Text type="secondary">
            请假 {meetings.leave} 次 · 缺席 {meetings.absent} 次
          </Typography.Text>
        </Col>
      </Row>
      {meetings.byKind.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="kind"
          pagination={false}
          dataSource={meetings.byKind}
          columns={[
            { key: 'kind', title: '会议类型', render: (_, k) => meetingKinds.label(k.kind) },
            { key: 'present', title: '出席', dataIndex: 'present', align: 'right' },
            { key: 'expected', title: '应参加', dataIndex: 'expected', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}

function DuesCard({ figures }: { figures: MyFigures }) {
  const { dues } = figures;
  return (
    <Card size="small" title="党费" data-testid="my-figures-dues">
      <Row gutter={[16, 16]}>
        <Col span={12}>
          <Statistic title={`应交（${dues.dueMonths} 个月，元）`} value={yuanText(dues.expectedFen)} />
        </Col>
        <Col span={12}>
          <Statistic title={`已交（${dues.paidMonths} 个月，元）`} value={yuanText(dues.paidFen)} />
        </Col>
        <Col span={12}>
          <Statistic title="欠交（元）" value={yuanText(dues.arrearsFen)} styles={{ content: { color: dues.arrearsFen > 0 ? '#c8161d' : undefined } }} />
        </Col>
        <Col span={12}>
          <Statistic title="特殊党费（元）" value={yuanText(dues.specialDuesFen)} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        按本年已到期各月计算，与党费台账口径一致
      </Typography.Text>
    </Card>
  );
}

function TransfersCard({ figures }: { figures: MyFigures }) {
  return (
    <Card size="small" title="组织关系转接" data-testid="my-figures-transfers">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={figures.transfers}
        locale={{ emptyText: <EmptyState description="没有组织关系转接记录" /> }}
        columns={[
          { key: 'kind', title: '类型', render: (_, t) => <TransferKindTag kind={t.kind} /> },
          { key: 'route', title: '转出 → 转入', render: (_, t) => `${t.fromName ?? '—'} → ${t.toName ?? '—'}` },
          { key: 'issuedOn', title: '开具日期', dataIndex: 'issuedOn' },
          { key: 'state', title: '状态', render: (_, t) => <TransferStateTag transfer={t} /> },
        ]}
      />
    </Card>
  );
}

function DevelopmentCard({ figures }: { figures: MyFigures }) {
  const { development } = figures;
  return (
    <Card size="small" title="入党历程" data-testid="my-figures-development">
      {development ? (
        <>
          <div style={{ marginBottom: 12 }}>
            <StageTag stage={development.stage} />
            <CaseStatusTag status={development.status} />
            <Typography.Text type="secondary">申请日期 {development.appliedOn}</Typography.Text>
          </div>
          <Timeline titleSpan={6} items={development.steps.map((s) => ({ key: `${s.step}-${s.doneOn}`, title: s.doneOn, content: s.name }))} />
        </>
      ) : (
        <EmptyState description="本系统中没有您的发展党员记录" />
      )}
    </Card>
  );
}

/** 我的数据: the signed-in member's own figures of a year — only their own records; laid out for a phone first. */
export function MyFiguresPage() {
  const [year, setYear] = useState(() => dayjs().year());
  const figures = useQuery(myFiguresQuery(year));

  let body: ReactNode;
  if (figures.isPending) body = <Skeleton active />;
  else if (figures.isError) {
    body =
      figures.error instanceof ApiError && figures.error.status === 404 ? (
        <EmptyState description={figures.error.detail ?? figures.error.title} />
      ) : (
        <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} />
      );
  } else {
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <MeetingsCard figures={figures.data} />
        </Col>
        <Col xs={24} lg={12}>
          <DuesCard figures={figures.data} />
        </Col>
        <Col xs={24} lg={12}>
          <TransfersCard figures={figures.data} />
        </Col>
        <Col xs={24} lg={12}>
          <DevelopmentCard figures={figures.data} />
        </Col>
      </Row>
    );
  }
  return (
    <>
      <PageHeader
        title="我的数据"
        extra={
          <DatePicker
            picker="year"
            allowClear={false}
            aria-label="年度"
            value={dayjs(`${year}-01-01`)}
            disabledDate={(date) => date.isAfter(dayjs(), 'year')}
            onChange={(date) => date && setYear(date.year())}
          />
        }
      />
      {figures.data && (
        <Typography.Paragraph type="secondary">
          {figures.data.name} · {figures.data.orgName} · {year} 年
        </Typography.Paragraph>
      )}
      {body}
    </>
  );
}
