import { type OrgDetail, reformInput } from '@hangbiao/shared/contracts/orgs';
import { allowedChildKinds, orgEventKinds } from '@hangbiao/shared/glossary';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { fieldRules, ListField, useZodForm, ZodForm, zodRule } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { kindOptions } from './org-labels';
import { orgApi, orgDetailQuery, orgKeys, unitKeys } from './org-queries';

const [renamed, moved, merged, split, dissolved] = reformInput.options;
const renamedRules = fieldRules(renamed);
const movedRules = fieldRules(moved);
const mergedRules = fieldRules(merged);
const splitRules = fieldRules(split);
const dateRule = renamedRules('occurredOn');
const noteRule = renamedRules('note');
const partNameRule = [zodRule(split.shape.into.element.shape.name)];

type ReformKind = (typeof reformInput.options)[number]['shape']['kind']['value'];
const reformKinds: ReformKind[] = [renamed, moved, merged, split, dissolved].map((option) => option.shape.kind.value);

/** The request for the chosen kind: each kind is a strict object, so only its own fields are sent. */
function toReform(org: OrgDetail, values: Record<string, unknown>): Record<string, unknown> {
  const common = { kind: values.kind, occurredOn: values.occurredOn, note: values.note };
  switch (values.kind) {
    case 'renamed':
      return { ...common, orgId: org.id, name: values.name };
    case 'moved':
      return { ...common, orgId: org.id, parentId: values.parentId };
    case 'merged':
      return { ...common, orgIds: values.orgIds, targetId: values.targetId };
    case 'split':
      return { ...common, orgId: org.id, into: values.into, dissolveSource: values.dissolveSource ?? false };
    default:
      return { ...common, orgId: org.id };
  }
}

/** 机构改革: rename, move, merge, split or dissolve, recorded as events in the org's history. */
export function ReformDialog({ org, open, onClose }: { org: OrgDetail; open: boolean; onClose: () => void }) {
  return (
    <FormDialog title={`机构改革 · ${org.name}`} open={open} onClose={onClose} width={600}>
      <ReformForm org={org} onClose={onClose} />
    </FormDialog>
  );
}

function ReformForm({ org, onClose }: { org: OrgDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(reformInput);
  const kind: ReformKind = Form.useWatch('kind', form.form) ?? 'renamed';
  // New parts sit beside the source, so the parent's kind decides what they may be.
  const parent = useQuery({ ...orgDetailQuery(org.parentId ?? ''), enabled: org.parentId !== null });
  const splitKinds = parent.data ? allowedChildKinds[parent.data.kind] : [org.kind];

  const submit = useMutation({
    mutationFn: orgApi.reform,
    onSuccess: async (events) => {
      await Promise.all([client.invalidateQueries({ queryKey: orgKeys.all }), client.invalidateQueries({ queryKey: unitKeys.all })]);
      void message.success(`已记录 ${events.length} 条沿革事件`);
      onClose();
    },
    onError: form.fail,
  });

  return (
    <ZodForm
      form={form}
      mutation={submit}
      toInput={(values) => toReform(org, values)}
      initialValues={{
        kind: 'renamed',
        occurredOn: dayjs(),
        name: org.name,
        orgIds: [org.id],
        into: [{ name: '', kind: org.kind }],
      }}
    >
      <Form.Item name="kind" label="改革类型">
        <Radio.Group optionType="button" buttonStyle="solid" options={reformKinds.map((value) => ({ value, label: orgEventKinds.label(value) }))} />
      </Form.Item>
      <Form.Item name="occurredOn" label="发生日期" rules={dateRule}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>

      {kind === 'renamed' && (
        <Form.Item name="name" label="新名称" rules={renamedRules('name')}>
          <Input maxLength={100} />
        </Form.Item>
      )}

      {kind === 'moved' && (
        <Form.Item name="parentId" label="新的上级组织" rules={movedRules('parentId')}>
          <OrgPicker exclude={[org.id]} />
        </Form.Item>
      )}

      {kind === 'merged' && (
        <>
          <Form.Item name="orgIds" label="被合并的组织" extra="被合并的组织将被撤销，其下级组织转入合并后的组织" rules={mergedRules('orgIds')}>
            <OrgPicker multiple />
          </Form.Item>
          <Form.Item name="targetId" label="并入的组织" rules={mergedRules('targetId')}>
            <OrgPicker />
          </Form.Item>
        </>
      )}

      {kind === 'split' && (
        <>
          <ListField name="into" label="拆分为" required newRow={{ name: '', kind: org.kind }} addText="添加新组织" max={10} keepOne>
            {(field, index) => (
              <>
                <Form.Item name={[field.name, 'name']} rules={partNameRule} style={{ flex: 1, marginBottom: 0 }}>
                  <Input aria-label={`新组织 ${index + 1} 名称`} placeholder="新组织名称" maxLength={100} />
                </Form.Item>
                <Form.Item name={[field.name, 'kind']} style={{ width: 150, marginBottom: 0 }}>
                  <Select aria-label={`新组织 ${index + 1} 类别`} options={kindOptions(splitKinds)} />
                </Form.Item>
              </>
            )}
          </ListField>
          <Form.Item name="dissolveSource" valuePropName="checked" rules={splitRules('dissolveSource')}>
            <Checkbox>拆分后撤销原组织</Checkbox>
          </Form.Item>
        </>
      )}

      {kind === 'dissolved' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="撤销后该组织不再出现在当前组织树中，其历史记录仍保留。" />}

      <Form.Item name="note" label="说明（文件依据等）" rules={noteRule}>
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="提交" loading={submit.isPending} danger={kind === 'dissolved' || kind === 'merged'} />
    </ZodForm>
  );
}
