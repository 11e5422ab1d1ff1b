import { type Member, memberInput } from '@hangbiao/shared/contracts/members';
import { memberCategories } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Radio } from 'antd';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { FieldCell, fillFromIdNumber, MemberFields } from './member-fields';
import { label, optionsOf } from './member-labels';
import { memberApi, refreshAfterWrite } from './member-queries';

const rules = fieldRules(memberInput);

interface Props {
  open: boolean;
  onClose: () => void;
  /** The branch offered first, e.g. the one the list is filtered to. */
  orgId?: string | undefined;
  onCreated: (member: Member) => void;
}

/** 登记党员: a new record in a branch, checked against the ID number's birth date and gender. */
export function MemberCreateDialog({ open, onClose, orgId, onCreated }: Props) {
  return (
    <FormDialog title="登记党员" open={open} onClose={onClose} width={720}>
      <MemberCreateForm onClose={onClose} orgId={orgId} onCreated={onCreated} />
    </FormDialog>
  );
}

function MemberCreateForm({ onClose, orgId, onCreated }: Omit<Props, 'open'>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(memberInput);
  const category = Form.useWatch('category', form.form);

  const create = useMutation({
    mutationFn: memberApi.create,
    onSuccess: async (created) => {
      await refreshAfterWrite(client, created);
      void message.success(`已登记“${created.name}”`);
      onCreated(created);
    },
    onError: form.fail,
  });

  return (
    <ZodForm
      form={form}
      mutation={create}
      toInput={(values) => ({ ...values, fullOn: values.category === 'full' ? values.fullOn : undefined })}
      initialValues={{ orgId, category: 'full', ethnicity: 'han', jobPost: 'civilServant' }}
      onValuesChange={(changed) => fillFromIdNumber(form.form, changed)}
    >
      <Form.Item name="orgId" label={label('orgId')} rules={rules('orgId')} extra="党员编入党支部或联合党支部">
        <OrgPicker placeholder="选择党支部" />
      </Form.Item>
      <MemberFields
        showFullOn={category === 'full'}
        extra={
          <FieldCell>
            <Form.Item name="category" label={label('category')} rules={rules('category')}>
              <Radio.Group options={optionsOf(memberCategories)} optionType="button" />
            </Form.Item>
          </FieldCell>
        }
      />
      <DialogFooter onCancel={onClose} submitText="登记" loading={create.isPending} />
    </ZodForm>
  );
}
