import { type Unit, type UnitInput, unitInput } from '@hangbiao/shared/contracts/orgs';
import { regionLevels, unitTypes } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Radio, Select } from 'antd';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { orgApi, unitKeys } from './org-queries';

const rules = fieldRules(unitInput);
export const unitTypeOptions = unitTypes.keys.map((value) => ({ value, label: unitTypes.label(value) }));
export const regionLevelOptions = regionLevels.keys.map((value) => ({ value, label: regionLevels.label(value) }));

/** Creates a unit, or edits `unit` when given (sending its version, so a stale edit is refused). */
export function UnitFormDialog({ unit, open, onClose }: { unit?: Unit | undefined; open: boolean; onClose: () => void }) {
  return (
    <FormDialog title={unit ? `编辑单位 · ${unit.name}` : '新建单位'} open={open} onClose={onClose}>
      <UnitForm unit={unit} onClose={onClose} />
    </FormDialog>
  );
}

function UnitForm({ unit, onClose }: { unit: Unit | undefined; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(unitInput);

  const save = useMutation({
    mutationFn: (input: UnitInput) => (unit ? orgApi.updateUnit(unit.id, { ...input, version: unit.version }) : orgApi.createUnit(input)),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: unitKeys.all });
      void message.success(unit ? '已保存' : `已新建“${saved.name}”`);
      onClose();
    },
    onError: form.fail,
  });

  return (
    <ZodForm
      form={form}
      mutation={save}
      initialValues={
        unit
          ? { name: unit.name, shortName: unit.shortName, type: unit.type, regionLevel: unit.regionLevel, regionName: unit.regionName }
          : { type: 'government', regionLevel: 'city' }
      }
    >
      <Form.Item name="name" label="单位名称" rules={rules('name')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="shortName" label="简称" rules={rules('shortName')}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="type" label="单位类型" rules={rules('type')}>
        <Select options={unitTypeOptions} />
      </Form.Item>
      <Form.Item name="regionLevel" label="层级" rules={rules('regionLevel')}>
        <Radio.Group options={regionLevelOptions} />
      </Form.Item>
      <Form.Item name="regionName" label="所在地区" rules={rules('regionName')}>
        <Input maxLength={50} placeholder="如：双鸭山市" />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText={unit ? '保存' : '新建'} loading={save.isPending} />
    </ZodForm>
  );
}
