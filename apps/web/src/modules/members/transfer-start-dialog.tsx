import { inboundTransferStart, internalTransferStart, outboundTransferStart, transferStart } from '@hangbiao/shared/contracts/transfers';
import { transferKinds } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { optionsOf } from './member-labels';
import { reasonOptions } from './transfer-labels';
import { DestinationSelect, MemberSelect } from './transfer-pickers';
import { refreshAfterTransfer, transferApi } from './transfer-queries';

const internalRules = fieldRules(internalTransferStart);
const outboundRules = fieldRules(outboundTransferStart);
const inboundRules = fieldRules(inboundTransferStart);
const notAhead = (day: dayjs.Dayjs) => day.isAfter(dayjs(), 'day');

interface Props {
  open: boolean;
  onClose: () => void;
  /** The member to transfer, when the dialog opens from their page; otherwise one is chosen in it. */
  member?: { id: string; name: string };
}

/** 发起转接: to another branch of the committee, or out of the system with a letter (介绍信). */
export function StartTransferDialog({ open, onClose, member }: Props) {
  return (
    <FormDialog title={member ? `发起组织关系转接 · ${member.name}` : '发起组织关系转接'} open={open} onClose={onClose} width={600}>
      <StartForm onClose={onClose} member={member} />
    </FormDialog>
  );
}

function StartForm({ onClose, member }: Omit<Props, 'open'>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(transferStart);
  const kind: 'internal' | 'outbound' = Form.useWatch('kind', form.form) ?? 'internal';
  const start = useMutation({
    mutationFn: transferApi.start,
    onSuccess: async (started) => {
      await refreshAfterTransfer(client);
      void message.success(`已发起${started.personName}的${transferKinds.label(started.kind)}，办理期限 ${started.deadline}`);
      onClose();
    },
    onError: form.fail,
  });

  // Each kind is a strict object: only its own fields are sent.
  const toInput = (v: Record<string, unknown>) => {
    const common = { kind: v.kind, memberId: member?.id ?? v.memberId, reason: v.reason, issuedOn: v.issuedOn, note: v.note };
    return v.kind === 'internal' ? { ...common, toOrgId: v.toOrgId } : { ...common, outsideOrgName: v.outsideOrgName, letterNumber: v.letterNumber };
  };

  return (
    <ZodForm form={form} mutation={start} toInput={toInput} initialValues={{ kind: 'internal', reason: 'work', issuedOn: dayjs() }}>
      <Form.Item name="kind" label="转接类型">
        <Radio.Group optionType="button" buttonStyle="solid" options={optionsOf(transferKinds, ['internal', 'outbound'])} />
      </Form.Item>
      {!member && (
        <Form.Item name="memberId" label="党员" rules={internalRules('memberId')}>
          <MemberSelect />
        </Form.Item>
      )}
      <Form.Item name="reason" label="转接原因" rules={internalRules('reason')}>
        <Select options={reasonOptions} />
      </Form.Item>
      {kind === 'internal' ? (
        <>
          <Form.Item name="toOrgId" label="转入党支部" rules={internalRules('toOrgId')} extra="可选择本工委内任一党支部；转入方接收后，党员即转入该支部">
            <DestinationSelect />
          </Form.Item>
          <Form.Item name="issuedOn" label="发起日期" rules={internalRules('issuedOn')}>
            <DatePicker style={{ width: '100%' }} disabledDate={notAhead} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name="outsideOrgName" label="转入党组织（系统外）" rules={outboundRules('outsideOrgName')}>
            <Input maxLength={200} placeholder="介绍信抬头的党组织全称" />
          </Form.Item>
          <Form.Item name="letterNumber" label="介绍信编号" rules={outboundRules('letterNumber')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="issuedOn" label="介绍信开具日期" rules={outboundRules('issuedOn')} extra="回执退回前，该党员仍由本组织管理">
            <DatePicker style={{ width: '100%' }} disabledDate={notAhead} />
          </Form.Item>
        </>
      )}
      <Form.Item name="note" label="备注" rules={internalRules('note')}>
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="发起" loading={start.isPending} />
    </ZodForm>
  );
}

/** 登记转入: a member arrives with a letter from outside the system; the branch registers them afterwards. */
export function InboundTransferDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <FormDialog title="登记转入（系统外介绍信）" open={open} onClose={onClose} width={600}>
      <InboundForm onClose={onClose} />
    </FormDialog>
  );
}

function InboundForm({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(inboundTransferStart);
  const record = useMutation({
    mutationFn: transferApi.start,
    onSuccess: async (started) => {
      await refreshAfterTransfer(client);
      void message.success(`已登记${started.personName}的介绍信，请在 ${started.deadline} 前登记入册`);
      onClose();
    },
    onError: form.fail,
  });
  return (
    <ZodForm form={form} mutation={record} initialValues={{ kind: 'inbound', reason: 'work', arrivedOn: dayjs() }}>
      <Form.Item name="kind" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="personName" label="姓名" rules={inboundRules('personName')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="toOrgId" label="接收党组织" rules={inboundRules('toOrgId')} extra="介绍信抬头的本系统党组织；登记入册时再编入具体党支部">
        <OrgPicker />
      </Form.Item>
      <Form.Item name="outsideOrgName" label="原党组织（系统外）" rules={inboundRules('outsideOrgName')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="letterNumber" label="介绍信编号" rules={inboundRules('letterNumber')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="reason" label="转接原因" rules={inboundRules('reason')}>
        <Select options={reasonOptions} />
      </Form.Item>
      <Form.Item name="issuedOn" label="介绍信开具日期" rules={inboundRules('issuedOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={notAhead} />
      </Form.Item>
      <Form.Item name="arrivedOn" label="报到日期" rules={inboundRules('arrivedOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={notAhead} />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={inboundRules('note')}>
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="登记" loading={record.isPending} />
    </ZodForm>
  );
}
