import type { CaseStep } from '@hangbiao/shared/contracts/development';
import { type DevelopmentStage, type DevelopmentStatus, developmentStages, developmentStatuses, developmentSteps } from '@hangbiao/shared/glossary';
import { stepDefinition } from '@hangbiao/shared/rules';
import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';

const stageColors: Record<DevelopmentStage, string> = {
  applicant: 'default',
  activist: 'blue',
  candidate: 'purple',
  probationary: 'gold',
  full: 'red',
};

export function StageTag({ stage }: { stage: DevelopmentStage }) {
  return <Tag color={stageColors[stage]}>{developmentStages.label(stage)}</Tag>;
}

const statusColors: Record<DevelopmentStatus, string> = {
  active: 'processing',
  admitted: 'gold',
  converted: 'success',
  stopped: 'default',
  cancelled: 'default',
};

export function CaseStatusTag({ status }: { status: DevelopmentStatus }) {
  return <Tag color={statusColors[status]}>{developmentStatuses.label(status)}</Tag>;
}

// Timeline colours are spelled out: its "blue" is the theme's primary colour, which here is Party red.
export const stepStatusLabels: Record<CaseStep['status'], { text: string; color: string; timeline: string }> = {
  done: { text: '已完成', color: 'success', timeline: '#52c41a' },
  due: { text: '待办理', color: 'processing', timeline: '#1677ff' },
  overdue: { text: '已逾期', color: 'error', timeline: '#ff4d4f' },
  waiting: { text: '未到期限', color: 'default', timeline: '#bfbfbf' },
  notYet: { text: '未开始', color: 'default', timeline: '#d9d9d9' },
};

export function StepStatusTag({ status }: { status: CaseStep['status'] }) {
  const { text, color } = stepStatusLabels[status];
  return <Tag color={color}>{text}</Tag>;
}

/** 第 n 步 名称 */
export const stepTitle = (step: number) => `第 ${step} 步 ${developmentSteps.label(stepDefinition(step).key)}`;

/** A deadline with how far off it is, red once passed; the rule behind it on hover. */
export function DueDate({ dueOn, source, prefix = '期限' }: { dueOn: string; source?: string | null; prefix?: string }) {
  const days = dayjs(dueOn).startOf('day').diff(dayjs().startOf('day'), 'day');
  const text = days > 0 ? `${prefix} ${dueOn}（还有 ${days} 天）` : days === 0 ? `${prefix} ${dueOn}（今天）` : `${prefix} ${dueOn}（已逾期 ${-days} 天）`;
  const shown = days < 0 ? <Typography.Text type="danger">{text}</Typography.Text> : <Typography.Text type="secondary">{text}</Typography.Text>;
  return source ? <Tooltip title={`依据：${source}`}>{shown}</Tooltip> : shown;
}
