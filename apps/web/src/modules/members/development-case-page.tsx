import { id as uuid } from '@hangbiao/shared/contracts/common';
import type { CaseDetail, CaseStep, StepRecordOut } from '@hangbiao/shared/contracts/development';
import { conversionOutcomes, developmentStages, educations, ethnicities, genders, jobPosts } from '@hangbiao/shared/glossary';
import { developmentPhases, stepDefinition, workingDaysBetween } from '@hangbiao/shared/rules';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/result-pages';
import { useCan } from '../../app/session';
import { ErrorAlert } from '../../components/error-display';
import { PageHeader } from '../../components/page-header';
import { CaseEditDialog } from './development-case-dialog';
import { CaseStatusTag, DueDate, StageTag, StepStatusTag, stepStatusLabels, stepTitle } from './development-labels';
import { caseDetailQuery } from './development-queries';
import { StepDialog } from './development-step-dialog';
import { StopDialog, WithdrawStepDialog } from './development-stop-dialog';
import { label, Sensitive } from './member-labels';

/** 发展党员档案: the person, and the 25 steps with what was done, what is due and what is overdue. */
export function DevelopmentCasePage() {
  const { id } = useParams();
  if (!id || !uuid.safeParse(id).success) return <NotFoundPage />;
  return (
    <>
      <PageHeader title="发展党员档案" extra={<Link to="/members/development">返回发展党员</Link>} />
      <CaseView key={id} caseId={id} />
    </>
  );
}

type Dialog = { kind: 'step'; step: number } | { kind: 'edit' } | { kind: 'stop' } | { kind: 'withdraw' } | null;

function CaseView({ caseId }: { caseId: string }) {
  const detail = useQuery(caseDetailQuery(caseId));
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog>(null);
  if (detail.isPending || detail.isError) {
    return <Card>{detail.isError ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : <Skeleton active />}</Card>;
  }
  const c = detail.data;
  const writable = can('members.write');
  const close = () => setDialog(null);

  return (
    <Flex vertical gap={16}>
      <Card
        data-testid="development-case"
        title={
          <Flex align="center" gap={8} wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {c.name}
            </Typography.Text>
            <StageTag stage={c.stage} />
            <CaseStatusTag status={c.status} />
            {c.overdue && <Tag color="error">有逾期事项</Tag>}
          </Flex>
        }
        extra={
          <Flex gap={8} wrap>
            {c.memberId && <Link to={`/members/${c.memberId}`}>党员信息</Link>}
            {writable && c.status === 'active' && <Button onClick={() => setDialog({ kind: 'edit' })}>修改信息</Button>}
            {writable && (c.status === 'active' || c.status === 'admitted') && c.steps.some((s) => s.step > 1 && s.records.length > 0) && (
              <Button onClick={() => setDialog({ kind: 'withdraw' })}>撤销最后一步</Button>
            )}
            {writable && c.status === 'active' && (
              <Button danger onClick={() => setDialog({ kind: 'stop' })}>
                终止
              </Button>
            )}
          </Flex>
        }
      >
        <CaseFacts detail={c} />
      </Card>
      {developmentStages.keys.map((phase) => (
        <Card key={phase} size="small" title={developmentPhases[phase]}>
          <Timeline
            items={c.steps
              .filter((s) => s.phase === phase)
              .map((s) => ({
                key: s.step,
                color: stepStatusLabels[s.status].timeline,
                content: <StepItem detail={c} step={s} onRecord={writable && recordable(c, s) ? () => setDialog({ kind: 'step', step: s.step }) : undefined} />,
              }))}
          />
        </Card>
      ))}
      {dialog?.kind === 'step' && <StepDialog detail={c} step={dialog.step} open onClose={close} />}
      {dialog?.kind === 'edit' && <CaseEditDialog detail={c} open onClose={close} />}
      {dialog?.kind === 'stop' && <StopDialog detail={c} open onClose={close} />}
      {dialog?.kind === 'withdraw' && <WithdrawStepDialog detail={c} open onClose={close} />}
    </Flex>
  );
}

/** A step may be recorded when it is due (or waiting, to hear the rule), and a repeatable one again while the case is open. */
function recordable(c: CaseDetail, s: CaseStep): boolean {
  const open = c.status === 'active' || c.status === 'admitted' || (c.status === 'converted' && s.step === 25);
  if (!open) return false;
  return s.status === 'due' || s.status === 'overdue' || s.status === 'waiting' || (s.status === 'done' && stepDefinition(s.step).repeatable);
}

function CaseFacts({ detail: c }: { detail: CaseDetail }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'org', label: '党支部', children: c.orgName },
        { key: 'appliedOn', label: '递交申请日期', children: c.appliedOn },
        { key: 'gender', label: label('gender'), children: genders.label(c.gender) },
        { key: 'ethnicity', label: label('ethnicity'), children: ethnicities.label(c.ethnicity) },
        { key: 'birthDate', label: label('birthDate'), children: c.birthDate },
        { key: 'idNumber', label: label('idNumber'), children: <Sensitive value={c.idNumber} unmasked={c.unmasked} /> },
        { key: 'education', label: label('education'), children: educations.label(c.education) },
        { key: 'jobPost', label: label('jobPost'), children: jobPosts.label(c.jobPost) },
        { key: 'phone', label: label('phone'), children: <Sensitive value={c.phone} unmasked={c.unmasked} /> },
        { key: 'expectedLeaveOn', label: '预计调离日期', children: c.expectedLeaveOn ?? '—' },
        { key: 'probationEndsOn', label: '预备期满', children: c.probationEndsOn ?? '—' },
        {
          key: 'next',
          label: '下一期限',
          children: c.nextDueOn && c.nextDueStep ? <DueDate dueOn={c.nextDueOn} prefix={stepTitle(c.nextDueStep)} /> : '—',
        },
        ...(c.closedOn ? [{ key: 'closed', label: '结束', children: `${c.closedOn}${c.closeReason ? `（${c.closeReason}）` : ''}` }] : []),
      ]}
    />
  );
}

function StepItem({ detail, step: s, onRecord }: { detail: CaseDetail; step: CaseStep; onRecord: (() => void) | undefined }) {
  const assessing = s.step === 6 && s.status === 'done' && s.dueOn;
  return (
    <Flex vertical gap={4} data-testid={`step-${s.step}`}>
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong>{stepTitle(s.step)}</Typography.Text>
        <StepStatusTag status={s.status} />
        {onRecord && (
          <Button size="small" type={s.status === 'overdue' ? 'primary' : 'default'} danger={s.status === 'overdue'} onClick={onRecord}>
            {s.records.length ? '再次记录' : '记录'}
          </Button>
        )}
      </Flex>
      {s.dueOn && s.status !== 'done' && <DueDate dueOn={s.dueOn} source={s.source} />}
      {assessing && s.dueOn && <DueDate dueOn={s.dueOn} source={s.source} prefix="下次考察" />}
      {s.earliestOn && s.status === 'waiting' && (
        <Typography.Text type="secondary" title={s.source ? `依据：${s.source}` : undefined}>
          {s.earliestOn} 起方可办理
        </Typography.Text>
      )}
      {s.records.map((r) => (
        <RecordLine key={r.id} record={r} branchName={detail.orgName} />
      ))}
    </Flex>
  );
}

/** What a recorded step decided, in a line: sponsors, the review, the notice, training, the vote, the approval. */
function dataSummary(r: StepRecordOut): string[] {
  const d = r.data;
  const people = (list: NonNullable<typeof d.sponsors>) => list.map((p) => `${p.name ?? ''}${p.underDiscipline ? '（受留党察看）' : ''}`).join('、');
  return [
    d.contacts && `培养联系人：${people(d.contacts)}`,
    d.sponsors && `入党介绍人：${people(d.sponsors)}`,
    d.reviewPassed !== undefined && `政治审查：${d.reviewPassed ? '合格' : '不合格'}`,
    d.notice && `公示 ${d.notice.startOn} 至 ${d.notice.endOn}（${workingDaysBetween(d.notice.startOn, d.notice.endOn)} 个工作日）`,
    d.training && `培训 ${d.training.days ?? 0} 天、${d.training.hours ?? 0} 学时`,
    d.vote &&
      `表决：应到 ${d.vote.entitled}，实到 ${d.vote.present}，赞成 ${d.vote.yes}，反对 ${d.vote.no}，弃权 ${d.vote.abstain}${d.vote.written ? `（含书面意见 ${d.vote.written}）` : ''}`,
    d.outcome && `决议：${conversionOutcomes.label(d.outcome)}${d.outcome === 'extend' ? ` ${d.extensionMonths} 个月` : ''}`,
    d.approved !== undefined && `审批：${d.approved ? '批准' : '不批准'}${d.delayReason ? `（${d.delayReason}）` : ''}`,
  ].filter((line): line is string => typeof line === 'string');
}

function RecordLine({ record: r, branchName }: { record: StepRecordOut; branchName: string }) {
  return (
    <Flex vertical gap={2} style={{ paddingInlineStart: 8, borderInlineStart: '2px solid #f0f0f0' }}>
      <Typography.Text>
        {r.doneOn}
        {r.orgName !== branchName && <Typography.Text type="secondary"> · {r.orgName}</Typography.Text>}
      </Typography.Text>
      {dataSummary(r).map((line) => (
        <Typography.Text key={line} type="secondary">
          {line}
        </Typography.Text>
      ))}
      {r.documents.length > 0 && (
        <Flex gap={4} wrap>
          {r.documents.map((doc) => (
            <Tag key={`${doc.name}${doc.ref ?? ''}`}>{doc.ref ? `${doc.name}（${doc.ref}）` : doc.name}</Tag>
          ))}
        </Flex>
      )}
      {r.note && <Typography.Text type="secondary">备注：{r.note}</Typography.Text>}
    </Flex>
  );
}
