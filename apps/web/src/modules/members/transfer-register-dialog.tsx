import { memberInput } from '@hangbiao/shared/contracts/members';
import { type Transfer, type TransferRegister, transferRegister } from '@hangbiao/shared/contracts/transfers';
import { memberCategories } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Radio } from 'antd';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { FieldCell, fillFromIdNumber, MemberFields } from './member-fields';
import { label, optionsOf } from './member-labels';
import { refreshAfterTransfer, transferApi } from './transfer-queries';

const rules = fieldRules(memberInput);

interface Props {
  transfer: Transfer;
  open: boolean;
  onClose: () => void;
}

/** 登记入册: the full record of a member who arrived with a letter from outside, placed in a branch of the receiving org. */
export function TransferRegisterDialog({ transfer, open, onClose }: Props) {
  return (
    <FormDialog title={`转入党员登记入册 · ${transfer.personName}`} open={open} onClose={onClose} width={720}>
      <RegisterForm transfer={transfer} onClose={onClose} />
    </FormDialog>
  );
}

function RegisterForm({ transfer, onClose }: Omit<Props, 'open'>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(transferRegister);
  const category = Form.useWatch('category', form.form);
  const register = useMutation({
    mutationFn: (input: TransferRegister) => transferApi.register(transfer.id, input),
    onSuccess: async (done) => {
      await refreshAfterTransfer(client);
      void message.success(`${done.personName}已登记入册`);
      onClose();
    },
    onError: form.fail,
  });

  return (
    <ZodForm
      form={form}
      mutation={register}
      toInput={(values) => ({ ...values, fullOn: values.category === 'full' ? values.fullOn : undefined, version: transfer.version })}
      initialValues={{ name: transfer.personName, orgId: transfer.toOrgId ?? undefined, category: 'full', ethnicity: 'han', jobPost: 'civilServant' }}
      onValuesChange={(changed) => fillFromIdNumber(form.form, changed)}
    >
      <Form.Item name="orgId" label={label('orgId')} rules={rules('orgId')} extra={`${transfer.toOrgName ?? '接收党组织'}或其下级党支部`}>
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
      <DialogFooter onCancel={onClose} submitText="登记入册" loading={register.isPending} />
    </ZodForm>
  );
}
