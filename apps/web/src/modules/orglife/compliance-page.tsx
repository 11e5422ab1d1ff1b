import { id } from '@hangbiao/shared/contracts/common';
import type { ComplianceRow } from '@hangbiao/shared/contracts/compliance';
import { type ComplianceStatus, complianceStatuses, meetingKinds } from '@hangbiao/shared/glossary';
import { Button, Card, Col, Row, Select, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { downloadHref } from '../../app/api';
import { FilterBar, FilterField, SelectFilter } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { ComplianceLegend, gridColumns, percent } from './compliance-grid';
import { ComplianceOrgDrawer } from './compliance-org-drawer';
import { complianceKeys, fetchMatrix, yearRange } from './compliance-queries';
import { kindOptions } from './meeting-labels';

const thisYear = dayjs().year();
const pageSchema = z.strictObject({
  under: id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).default(thisYear),
  kind: z.enum(meetingKinds.keys).optional(),
  status: z.enum(complianceStatuses.keys).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const yearOptions = Array.from({ length: 6 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i}年` }));
const statusOptions = (['missed', 'overdue', 'dueSoon', 'pending', 'met', 'exempt'] as ComplianceStatus[]).map((value) => ({
  value,
  label: `有${complianceStatuses.label(value)}`,
}));

/**
 * 组织生活完成情况: every org of the chosen subtree against the meetings the rules ask of it, month by month, red
 * where missed, amber where due soon, green where held; a click opens the org's cells with their explanation.
 */
export function CompliancePage() {
  const { params, update, table, data } = usePagedList(pageSchema, complianceKeys.matrix, fetchMatrix);
  const [search, setSearch] = useSearchParams();
  const openOrg = search.get('org');
  const setOrg = (orgId: string | null) =>
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      if (orgId) next.set('org', orgId);
      else next.delete('org');
      return next;
    });
  const summary = data?.summary;
  const exportHref = downloadHref('/api/orglife/compliance/export', {
    orgId: params.under,
    ...yearRange(params.year),
    kind: params.kind,
    status: params.status,
  });

  return (
    <>
      <PageHeader
        title="组织生活完成情况"
        extra={
          <Button href={exportHref} download>
            导出 Excel
          </Button>
        }
      />
      <FilterBar actions={<ComplianceLegend />}>
        <FilterField label="范围" htmlFor="compliance-under" width={240}>
          <OrgPicker id="compliance-under" placeholder="全部组织" value={params.under} onChange={(under) => update({ under })} />
        </FilterField>
        <FilterField label="年度" htmlFor="compliance-year" width={110}>
          <Select id="compliance-year" value={params.year} options={yearOptions} onChange={(year) => update({ year })} />
        </FilterField>
        <SelectFilter label="会议类型" id="compliance-kind" width={170} value={params.kind} options={kindOptions} onChange={(kind) => update({ kind })} />
        <SelectFilter label="筛选" id="compliance-status" width={140} value={params.status} options={statusOptions} onChange={(status) => update({ status })} />
      </FilterBar>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title="完成率" value={percent(summary?.rate ?? null)} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title="已完成" value={summary?.counts.met ?? '—'} suffix="项" />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title="临期" value={summary?.counts.dueSoon ?? '—'} suffix="项" styles={{ content: { color: '#d48806' } }} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title="逾期待补" value={summary?.counts.overdue ?? '—'} suffix="项" styles={{ content: { color: '#cf1322' } }} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title="未完成" value={summary?.counts.missed ?? '—'} suffix="项" styles={{ content: { color: '#cf1322' } }} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title="有未完成的组织" value={summary ? `${summary.orgsWithMisses} / ${summary.orgs}` : '—'} />
          </Card>
        </Col>
      </Row>
      <PagedTable<ComplianceRow>
        {...table}
        testId="compliance-grid"
        rowKey="orgId"
        size="small"
        scroll={{ x: 'max-content' }}
        columns={gridColumns(data, setOrg)}
        emptyText="所选范围内没有需要开展组织生活的组织"
      />
      <ComplianceOrgDrawer orgId={openOrg} year={params.year} kind={params.kind} onClose={() => setOrg(null)} />
    </>
  );
}
