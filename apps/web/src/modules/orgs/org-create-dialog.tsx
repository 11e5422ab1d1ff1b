import { type OrgDetail, orgCreate } from '@hangbiao/shared/contracts/orgs';
import { allowedChildKinds } from '@hangbiao/shared/glossary';
import { ruleOn, thresholdRules } from '@hangbiao/shared/rules';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { ContactFields } from './org-contact-fields';
import { kindOptions } from './org-labels';
import { orgApi, refreshAfterCreate } from './org-queries';
import { UnitSelect } from './unit-select';

const rules = fieldRules(orgCreate);

/** The least number of units a joint branch must cover, as the rule in force today says. */
function jointMinUnits(): { min: number; message: string } {
  const rule = ruleOn(thresholdRules, dayjs().format('YYYY-MM-DD'), (r) => r.key === 'jointBranch.minUnits');
  return { min: rule?.min ?? 1, message: rule?.message ?? '请选择覆盖的单位' };
}

interface Props {
  parent: OrgDetail;
  open: boolean;
  onClose: () => void;
  onCreated: (org: OrgDetail) => void;
}

/** 新建下级组织: the kinds offered are those the org regulations allow under the parent. */
export function OrgCreateDialog({ parent, open, onClose, onCreated }: Props) {
  return (
    <FormDialog title={`新建下级组织 · ${parent.name}`} open={open} onClose={onClose} width={560}>
      <OrgCreateForm parent={parent} onClose={onClose} onCreated={onCreated} />
    </FormDialog>
  );
}

function OrgCreateForm({ parent, onClose, onCreated }: Omit<Props, 'open'>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(orgCreate);
  const kinds = allowedChildKinds[parent.kind];
  const kind = Form.useWatch('kind', form.form);
  const joint = kind === 'jointBranch';
  const coverage = jointMinUnits();

  const create = useMutation({
    mutationFn: orgApi.create,
    onSuccess: async (org) => {
      await refreshAfterCreate(client, parent);
      void message.success(`已新建“${org.name}”`);
      onCreated(org);
    },
    onError: form.fail,
  });

  const toInput = (values: Record<string, unknown>) => ({
    ...values,
    parentId: parent.id,
    unitId: joint ? undefined : values.unitId,
    coveredUnitIds: joint ? values.coveredUnitIds : undefined,
  });

  return (
    <ZodForm form={form} mutation={create} toInput={toInput} initialValues={{ kind: kinds[0], unitId: parent.unitId ?? undefined, establishedOn: dayjs() }}>
      <Form.Item name="name" label="组织名称" rules={rules('name')}>
        <Input placeholder="如：市财政局机关第一党支部" maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label="组织类别" rules={rules('kind')}>
        <Select options={kindOptions(kinds)} />
      </Form.Item>
      {joint ? (
        <Form.Item
          name="coveredUnitIds"
          label="覆盖单位"
          extra="联合党支部覆盖的各个单位"
          rules={[{ required: true, type: 'array', min: coverage.min, message: coverage.message }]}
        >
          <UnitSelect multiple placeholder="选择覆盖的单位" />
        </Form.Item>
      ) : (
        <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <UnitSelect />
        </Form.Item>
      )}
      <Form.Item name="establishedOn" label="成立日期" rules={rules('establishedOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <ContactFields rules={rules} />
      <DialogFooter onCancel={onClose} submitText="新建" loading={create.isPending} />
    </ZodForm>
  );
}
