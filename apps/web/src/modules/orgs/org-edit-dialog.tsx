import { type OrgDetail, orgUpdate } from '@hangbiao/shared/contracts/orgs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { fieldRules, useZodForm } from '../../app/forms';
import { DialogFooter } from '../../components/dialog-footer';
import { orgApi, orgKeys } from './org-queries';
import { UnitSelect } from './unit-select';

const rules = fieldRules(orgUpdate);

/** A blank field clears the stored value (null), unlike create where blank means "not given". */
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : (value ?? null));

export function OrgEditDialog({ org, open, onClose }: { org: OrgDetail; open: boolean; onClose: () => void }) {
  return (
    <Modal title={`编辑 · ${org.name}`} open={open} onCancel={onClose} footer={null} destroyOnHidden>
      <OrgEditForm org={org} onClose={onClose} />
    </Modal>
  );
}

function OrgEditForm({ org, onClose }: { org: OrgDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { form, parse, fail, alert } = useZodForm(orgUpdate);
  const joint = org.kind === 'jointBranch';

  const save = useMutation({
    mutationFn: (input: Parameters<typeof orgApi.update>[1]) => orgApi.update(org.id, input),
    onSuccess: (updated) => {
      client.setQueryData(orgKeys.detail(org.id), updated);
      void client.invalidateQueries({ queryKey: ['orgs', 'list'] });
      void message.success('已保存');
      onClose();
    },
    onError: fail,
  });

  const submit = (values: Record<string, unknown>) => {
    const input = parse({
      version: org.version,
      contactName: blankToNull(values.contactName),
      contactPhone: blankToNull(values.contactPhone),
      ...(joint ? { coveredUnitIds: values.coveredUnitIds } : {}),
    });
    if (input) save.mutate(input);
  };

  return (
    <>
      {alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ contactName: org.contactName ?? '', contactPhone: org.contactPhone ?? '', coveredUnitIds: org.coveredUnitIds }}
      >
        <Form.Item name="contactName" label="联系人" rules={rules('contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" rules={rules('contactPhone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        {joint && (
          <Form.Item name="coveredUnitIds" label="覆盖单位">
            <UnitSelect multiple />
          </Form.Item>
        )}
        <DialogFooter onCancel={onClose} submitText="保存" loading={save.isPending} />
      </Form>
    </>
  );
}
