import type { BoardCard, DevelopmentBoard } from '@hangbiao/shared/contracts/development';
import { developmentStages } from '@hangbiao/shared/glossary';
import { developmentPhases } from '@hangbiao/shared/rules';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Flex, Segmented, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { FilterBar, FilterField } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { CaseCreateDialog } from './development-case-dialog';
import { DevelopmentCaseList } from './development-case-list';
import { DueDate, StageTag, stepTitle } from './development-labels';
import { boardQuery } from './development-queries';

const caseLink = (c: { id: string; name: string }) => <Link to={`/members/development/${c.id}`}>{c.name}</Link>;

/** What a card or row says about the next deadline. */
function NextDue({ card }: { card: BoardCard }) {
  if (!card.nextDueOn || !card.nextDueStep)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        暂无期限
      </Typography.Text>
    );
  return (
    <Flex vertical gap={2}>
      <Typography.Text style={{ fontSize: 12 }}>{stepTitle(card.nextDueStep)}</Typography.Text>
      <span style={{ fontSize: 12 }}>
        <DueDate dueOn={card.nextDueOn} />
      </span>
    </Flex>
  );
}

function StageColumn({ column, onMore }: { column: DevelopmentBoard['stages'][number]; onMore: () => void }) {
  return (
    <Card
      size="small"
      data-testid={`board-${column.stage}`}
      title={
        <Flex align="center" gap={8}>
          {developmentStages.label(column.stage)}
          <Badge count={column.count} showZero color="#8c8c8c" overflowCount={9999} />
        </Flex>
      }
      extra={column.overdue > 0 && <Tag color="error">逾期 {column.overdue}</Tag>}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {developmentPhases[column.stage]}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        {column.cards.length === 0 && <EmptyState description="暂无" />}
        {column.cards.map((card) => (
          <Card key={card.id} size="small" style={card.overdue ? { borderColor: '#ff7875' } : undefined}>
            <Flex vertical gap={2}>
              <Flex justify="space-between" align="baseline" gap={8}>
                <Typography.Text strong>{caseLink(card)}</Typography.Text>
                {card.overdue && <Badge status="error" text="逾期" />}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {card.orgName}
              </Typography.Text>
              {column.stage !== 'full' && <NextDue card={card} />}
            </Flex>
          </Card>
        ))}
        {column.count > column.cards.length && (
          <Button type="link" onClick={onMore}>
            查看全部 {column.count} 人
          </Button>
        )}
      </Flex>
    </Card>
  );
}

const overdueColumns: ColumnsType<BoardCard> = [
  { key: 'name', title: '姓名', render: (_, c) => caseLink(c) },
  { key: 'org', title: '党支部', dataIndex: 'orgName' },
  { key: 'stage', title: '阶段', render: (_, c) => <StageTag stage={c.stage} /> },
  { key: 'step', title: '逾期步骤', render: (_, c) => (c.nextDueStep ? stepTitle(c.nextDueStep) : '—') },
  { key: 'due', title: '期限', render: (_, c) => (c.nextDueOn ? <DueDate dueOn={c.nextDueOn} /> : '—') },
];

function Board({ under, onMore }: { under: string | undefined; onMore: (stage: string) => void }) {
  const board = useQuery(boardQuery(under));
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  if (!board.data) return <Skeleton active />;
  return (
    <Flex vertical gap={16}>
      <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))' }}>
        {board.data.stages.map((column) => (
          <StageColumn key={column.stage} column={column} onMore={() => onMore(column.stage)} />
        ))}
      </div>
      <Card size="small" title={`逾期事项（${board.data.overdue.length}）`} data-testid="board-overdue">
        <Table<BoardCard>
          size="small"
          rowKey="id"
          columns={overdueColumns}
          dataSource={board.data.overdue}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState description="没有逾期事项" /> }}
        />
      </Card>
    </Flex>
  );
}

/** 发展党员: the pipeline per stage for an org subtree, with what is overdue, and the full list of cases. */
export function DevelopmentBoardPage() {
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const under = search.get('under') ?? undefined;
  const view = search.get('view') === 'list' ? 'list' : 'board';
  const change = (patch: Record<string, string | undefined>) =>
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      next.delete('page');
      return next;
    });

  return (
    <>
      <PageHeader
        title="发展党员"
        extra={
          can('members.write') && (
            <Button type="primary" data-testid="development-create" onClick={() => setCreating(true)}>
              登记入党申请
            </Button>
          )
        }
      />
      <FilterBar
        actions={
          <Segmented
            value={view}
            onChange={(value) => change({ view: value === 'list' ? 'list' : undefined })}
            options={[
              { value: 'board', label: '看板' },
              { value: 'list', label: '档案列表' },
            ]}
          />
        }
      >
        <FilterField label="范围" htmlFor="development-under" width={260}>
          <OrgPicker id="development-under" placeholder="全部组织" value={under} onChange={(value) => change({ under: value })} />
        </FilterField>
      </FilterBar>
      {view === 'board' ? <Board under={under} onMore={(stage) => change({ view: 'list', stage })} /> : <DevelopmentCaseList />}
      <CaseCreateDialog
        open={creating}
        onClose={() => setCreating(false)}
        orgId={under}
        onCreated={(created) => {
          setCreating(false);
          void navigate(`/members/development/${created.id}`);
        }}
      />
    </>
  );
}
