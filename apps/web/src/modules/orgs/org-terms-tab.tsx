import { type OrgDetail, type OrgPost, termRenewal } from '@hangbiao/shared/contracts/orgs';
import { posts as postLabels } from '@hangbiao/shared/glossary';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Collapse, DatePicker, Flex, Form, Input, Select, Skeleton, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { fieldRules, ListField, useZodForm, ZodForm, zodRule } from '../../app/forms';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgFacts, TermStatusTag } from './org-labels';
import { orgApi, orgKeys, orgTermsQuery } from './org-queries';

const postColumns: ColumnsType<OrgPost> = [
  { title: '职务', dataIndex: 'post', render: (post: OrgPost['post']) => postLabels.label(post) },
  { title: '姓名', dataIndex: 'holderName' },
  { title: '任期开始', dataIndex: 'termStart' },
  { title: '任期届满', dataIndex: 'termEnd', render: (value: string | null) => value ?? '—' },
];
const pastColumns: ColumnsType<OrgPost> = [...postColumns, { title: '离任日期', dataIndex: 'endedOn' }];

const postOptions = postLabels.keys.map((value) => ({ value, label: postLabels.label(value) }));
const rules = fieldRules(termRenewal);
const holderRule = [zodRule(termRenewal.shape.posts.element.shape.holderName)];

/** 班子与任期: current posts, the term's status against the term rule, and the 换届 form. */
export function OrgTermsTab({ org, writable }: { org: OrgDetail; writable: boolean }) {
  const terms = useQuery(orgTermsQuery(org.id));
  const [renewing, setRenewing] = useState(false);

  if (terms.isPending) return <Skeleton active />;
  if (terms.isError) return <ErrorAlert error={terms.error} onRetry={() => void terms.refetch()} />;

  const { term, posts } = terms.data;
  const current = posts.filter((post) => post.endedOn === null);
  const past = posts.filter((post) => post.endedOn !== null);

  return (
    <Flex vertical gap={16}>
      <OrgFacts
        items={[
          { key: 'status', label: '任期状态', children: <TermStatusTag status={term.status} /> },
          { key: 'start', label: '本届开始', children: term.termStart ?? '—' },
          { key: 'due', label: '应换届日期', children: term.dueOn ?? '—' },
          { key: 'rule', label: '依据', children: term.rule ?? '—' },
        ]}
      />
      <Flex justify="space-between" align="center">
        <strong>现任班子</strong>
        {writable && (
          <Button type="primary" onClick={() => setRenewing(true)}>
            换届
          </Button>
        )}
      </Flex>
      <Table<OrgPost>
        size="small"
        rowKey="id"
        columns={postColumns}
        dataSource={current}
        pagination={false}
        locale={{ emptyText: <EmptyState description="尚未登记班子成员" /> }}
      />
      {past.length > 0 && (
        <Collapse
          items={[
            {
              key: 'past',
              label: `往届班子（${past.length} 人次）`,
              children: <Table<OrgPost> size="small" rowKey="id" columns={pastColumns} dataSource={past} pagination={false} />,
            },
          ]}
        />
      )}
      {writable && <TermRenewalDialog org={org} current={current} open={renewing} onClose={() => setRenewing(false)} />}
    </Flex>
  );
}

function TermRenewalDialog({ org, current, open, onClose }: { org: OrgDetail; current: OrgPost[]; open: boolean; onClose: () => void }) {
  return (
    <FormDialog title={`换届 · ${org.name}`} open={open} onClose={onClose} width={620}>
      <TermRenewalForm org={org} current={current} onClose={onClose} />
    </FormDialog>
  );
}

function TermRenewalForm({ org, current, onClose }: { org: OrgDetail; current: OrgPost[]; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(termRenewal);

  const renew = useMutation({
    mutationFn: (input: Parameters<typeof orgApi.renewTerm>[1]) => orgApi.renewTerm(org.id, input),
    onSuccess: async (result) => {
      client.setQueryData(orgKeys.terms(org.id), result);
      await Promise.all([
        client.invalidateQueries({ queryKey: orgKeys.detail(org.id) }),
        client.invalidateQueries({ queryKey: ['orgs', 'renewals'] }),
        client.invalidateQueries({ queryKey: orgKeys.events(org.id) }),
      ]);
      void message.success('换届已登记');
      onClose();
    },
    onError: form.fail,
  });

  const initialPosts = current.length ? current.map(({ post, holderName }) => ({ post, holderName })) : [{ post: 'secretary', holderName: '' }];

  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="登记后，现任班子的职务于新一届开始之日结束，新任期自该日起算。" />
      <ZodForm form={form} mutation={renew} initialValues={{ termStart: dayjs(), posts: initialPosts }}>
        <Form.Item name="termStart" label="新一届开始日期（选举日期）" rules={rules('termStart')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <ListField name="posts" label="新一届班子" required newRow={{ post: 'committeeMember', holderName: '' }} addText="添加成员" max={15} keepOne>
          {(field, index) => (
            <>
              <Form.Item name={[field.name, 'post']} style={{ width: 160, marginBottom: 0 }} rules={[{ required: true, message: '请选择职务' }]}>
                <Select aria-label={`第 ${index + 1} 人职务`} options={postOptions} />
              </Form.Item>
              <Form.Item name={[field.name, 'holderName']} style={{ flex: 1, marginBottom: 0 }} rules={holderRule}>
                <Input aria-label={`第 ${index + 1} 人姓名`} placeholder="姓名" maxLength={100} />
              </Form.Item>
            </>
          )}
        </ListField>
        <DialogFooter onCancel={onClose} submitText="登记换届" loading={renew.isPending} />
      </ZodForm>
    </>
  );
}
