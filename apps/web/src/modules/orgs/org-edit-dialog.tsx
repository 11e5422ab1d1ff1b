import { type OrgDetail, orgUpdate } from '@hangbiao/shared/contracts/orgs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { ContactFields } from './org-contact-fields';
import { orgApi, orgKeys } from './org-queries';
import { UnitSelect } from './unit-select';

const rules = fieldRules(orgUpdate);

/** A blank field clears the stored value (null), unlike create where blank means "not given". */
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : (value ?? null));

export function OrgEditDialog({ org, open, onClose }: { org: OrgDetail; open: boolean; onClose: () => void }) {
  return (
    <FormDialog title={`编辑 · ${org.name}`} open={open} onClose={onClose}>
      <OrgEditForm org={org} onClose={onClose} />
    </FormDialog>
  );
}

function OrgEditForm({ org, onClose }: { org: OrgDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(orgUpdate);
  const joint = org.kind === 'jointBranch';

  const save = useMutation({
    mutationFn: (input: Parameters<typeof orgApi.update>[1]) => orgApi.update(org.id, input),
    onSuccess: (updated) => {
      client.setQueryData(orgKeys.detail(org.id), updated);
      void client.invalidateQueries({ queryKey: ['orgs', 'list'] });
      void message.success('已保存');
      onClose();
    },
    onError: form.fail,
  });

  const toInput = (values: Record<string, unknown>) => ({
    version: org.version,
    contactName: blankToNull(values.contactName),
    contactPhone: blankToNull(values.contactPhone),
    ...(joint ? { coveredUnitIds: values.coveredUnitIds } : {}),
  });

  return (
    <ZodForm
      form={form}
      mutation={save}
      toInput={toInput}
      initialValues={{ contactName: org.contactName ?? '', contactPhone: org.contactPhone ?? '', coveredUnitIds: org.coveredUnitIds }}
    >
      <ContactFields rules={rules} />
      {joint && (
        <Form.Item name="coveredUnitIds" label="覆盖单位">
          <UnitSelect multiple />
        </Form.Item>
      )}
      <DialogFooter onCancel={onClose} submitText="保存" loading={save.isPending} />
    </ZodForm>
  );
}
