import { type CaseDetail, caseCreate, caseUpdate } from '@hangbiao/shared/contracts/development';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Row } from 'antd';
import dayjs from 'dayjs';
import { fieldRules, ListField, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { developmentApi, refreshAfterWrite } from './development-queries';
import { FieldCell, fillFromIdNumber, IdentityFields, JobPostField, notFuture, PhoneField } from './member-fields';

const rules = fieldRules(caseCreate);

/** The applicant's own fields, as the member record will take them on admission. */
function PersonFields() {
  return (
    <Row gutter={16}>
      <IdentityFields rules={rules} />
      <JobPostField rules={rules} />
      <PhoneField rules={rules} />
      <FieldCell>
        <Form.Item
          name="expectedLeaveOn"
          label="预计调离本单位日期"
          rules={rules('expectedLeaveOn')}
          extra="未来三个月内将离开本单位的，一般不办理接收预备党员手续"
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FieldCell>
    </Row>
  );
}

interface CreateProps {
  open: boolean;
  onClose: () => void;
  /** The branch offered first, e.g. the one the board is filtered to. */
  orgId?: string | undefined;
  onCreated: (created: CaseDetail) => void;
}

/** 登记入党申请: opens a case with step 1, refused when the applicant is under 18 on the application date. */
export function CaseCreateDialog({ open, onClose, orgId, onCreated }: CreateProps) {
  return (
    <FormDialog title="登记入党申请" open={open} onClose={onClose} width={720}>
      <CaseCreateForm onClose={onClose} orgId={orgId} onCreated={onCreated} />
    </FormDialog>
  );
}

function CaseCreateForm({ onClose, orgId, onCreated }: Omit<CreateProps, 'open'>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(caseCreate);
  const create = useMutation({
    mutationFn: developmentApi.create,
    onSuccess: async (created) => {
      await refreshAfterWrite(client, created);
      void message.success(`已登记“${created.name}”的入党申请`);
      onCreated(created);
    },
    onError: form.fail,
  });
  return (
    <ZodForm
      form={form}
      mutation={create}
      initialValues={{ orgId, ethnicity: 'han', jobPost: 'civilServant', appliedOn: dayjs(), documents: [{ name: '入党申请书' }] }}
      onValuesChange={(changed) => fillFromIdNumber(form.form, changed)}
    >
      <Form.Item name="orgId" label="党支部" rules={rules('orgId')} extra="发展党员必须经过党的支部">
        <OrgPicker placeholder="选择党支部" />
      </Form.Item>
      <PersonFields />
      <Form.Item name="appliedOn" label="递交入党申请书日期" rules={rules('appliedOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <DocumentFields />
      <Form.Item name="note" label="备注" rules={rules('note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="登记" loading={create.isPending} />
    </ZodForm>
  );
}

/** The documents of a step: name and where it is kept. */
export function DocumentFields() {
  return (
    <ListField name="documents" label="材料" newRow={{ name: '' }} addText="添加材料" max={50}>
      {(field) => (
        <>
          <Form.Item name={[field.name, 'name']} noStyle rules={[{ required: true, message: '请填写材料名称' }]}>
            <Input placeholder="材料名称，如：谈话记录" style={{ flex: 2 }} maxLength={200} />
          </Form.Item>
          <Form.Item name={[field.name, 'ref']} noStyle>
            <Input placeholder="存放位置或编号（选填）" style={{ flex: 1 }} maxLength={200} />
          </Form.Item>
        </>
      )}
    </ListField>
  );
}

interface EditProps {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
}

/** 修改发展对象信息, before admission; the ID number shows in full only to those who may see it. */
export function CaseEditDialog({ detail, open, onClose }: EditProps) {
  return (
    <FormDialog title={`修改信息 · ${detail.name}`} open={open} onClose={onClose} width={720}>
      <CaseEditForm detail={detail} onClose={onClose} />
    </FormDialog>
  );
}

function CaseEditForm({ detail, onClose }: Omit<EditProps, 'open'>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(caseUpdate);
  const update = useMutation({
    mutationFn: (input: Parameters<typeof developmentApi.update>[1]) => developmentApi.update(detail.id, input),
    onSuccess: async (saved) => {
      await refreshAfterWrite(client, saved);
      void message.success('已保存');
      onClose();
    },
    onError: form.fail,
  });
  const { name, gender, ethnicity, idNumber, education, jobPost, phone, version } = detail;
  return (
    <ZodForm
      form={form}
      mutation={update}
      toInput={(values) => ({ ...values, version })}
      initialValues={{
        name,
        gender,
        ethnicity,
        idNumber: detail.unmasked ? idNumber : undefined,
        birthDate: dayjs(detail.birthDate),
        education,
        jobPost,
        phone: detail.unmasked ? phone : undefined,
        expectedLeaveOn: detail.expectedLeaveOn ? dayjs(detail.expectedLeaveOn) : undefined,
      }}
      onValuesChange={(changed) => fillFromIdNumber(form.form, changed)}
    >
      <PersonFields />
      <DialogFooter onCancel={onClose} submitText="保存" loading={update.isPending} />
    </ZodForm>
  );
}
