import { type Transfer, transferCancel, transferReceipt, transferReject } from '@hangbiao/shared/contracts/transfers';
import { type TransferAction, transferActions } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Flex, Form, Input, Popconfirm } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { errorText } from '../../app/api';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { refreshAfterTransfer, transferApi } from './transfer-queries';
import { TransferRegisterDialog } from './transfer-register-dialog';

const rejectRules = fieldRules(transferReject);
const cancelRules = fieldRules(transferCancel);
const receiptRules = fieldRules(transferReceipt);

/** The steps open to the caller on one transfer (the server says which), each behind its confirmation or form. */
export function TransferActions({ transfer }: { transfer: Transfer }) {
  const [open, setOpen] = useState<TransferAction | null>(null);
  const close = () => setOpen(null);
  if (transfer.actions.length === 0) return null;
  return (
    <Flex gap={4} wrap>
      {transfer.actions.map((action) =>
        action === 'accept' ? (
          <AcceptButton key={action} transfer={transfer} />
        ) : (
          <Button key={action} size="small" type="link" danger={action === 'reject' || action === 'cancel'} onClick={() => setOpen(action)}>
            {transferActions.label(action)}
          </Button>
        ),
      )}
      <StepDialog title={`退回 · ${transfer.personName}`} open={open === 'reject'} onClose={close}>
        <StepForm transfer={transfer} schema={transferReject} submit={transferApi.reject} onDone={close} submitText="退回" danger>
          <Form.Item name="reason" label="退回原因" rules={rejectRules('reason')}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </StepForm>
      </StepDialog>
      <StepDialog title={`撤销转接 · ${transfer.personName}`} open={open === 'cancel'} onClose={close}>
        <StepForm transfer={transfer} schema={transferCancel} submit={transferApi.cancel} onDone={close} submitText="撤销" danger>
          <Form.Item name="reason" label="撤销原因" rules={cancelRules('reason')}>
            <Input.TextArea rows={2} maxLength={200} showCount />
          </Form.Item>
        </StepForm>
      </StepDialog>
      <StepDialog title={`登记回执 · ${transfer.personName}`} open={open === 'receipt'} onClose={close}>
        <StepForm
          transfer={transfer}
          schema={transferReceipt}
          submit={transferApi.receipt}
          onDone={close}
          submitText="登记"
          initialValues={{ receivedOn: dayjs() }}
        >
          <Form.Item name="receivedOn" label="回执日期" rules={receiptRules('receivedOn')} extra="登记后该党员的党籍状态变为“已转出”">
            <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day') || day.isBefore(dayjs(transfer.issuedOn), 'day')} />
          </Form.Item>
        </StepForm>
      </StepDialog>
      <TransferRegisterDialog transfer={transfer} open={open === 'register'} onClose={close} />
    </Flex>
  );
}

function AcceptButton({ transfer }: { transfer: Transfer }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const accept = useMutation({
    mutationFn: () => transferApi.accept(transfer.id, transfer.version),
    onSuccess: async () => {
      await refreshAfterTransfer(client);
      void message.success(`${transfer.personName}的组织关系已转入${transfer.toOrgName ?? ''}`);
    },
    onError: (error) => void message.error(errorText(error)),
  });
  return (
    <Popconfirm
      title={`接收${transfer.personName}的组织关系？`}
      description={`接收后该党员即由${transfer.toOrgName ?? '本组织'}管理`}
      okText="接收"
      onConfirm={() => accept.mutate()}
    >
      <Button size="small" type="link" loading={accept.isPending}>
        {transferActions.label('accept')}
      </Button>
    </Popconfirm>
  );
}

function StepDialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  return (
    <FormDialog title={title} open={open} onClose={onClose} width={480}>
      {children}
    </FormDialog>
  );
}

interface StepFormProps<S extends z.ZodType> {
  transfer: Transfer;
  schema: S;
  submit: (id: string, input: z.output<S>) => Promise<Transfer>;
  onDone: () => void;
  submitText: string;
  danger?: boolean;
  initialValues?: Record<string, unknown>;
  children: ReactNode;
}

/** A step's form: its fields plus the version the transfer was read at, checked with the step's contract. */
function StepForm<S extends z.ZodType>({ transfer, schema, submit, onDone, submitText, danger, initialValues, children }: StepFormProps<S>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(schema);
  const mutation = useMutation({
    mutationFn: (input: z.output<S>) => submit(transfer.id, input),
    onSuccess: async () => {
      await refreshAfterTransfer(client);
      void message.success(`已${submitText}`);
      onDone();
    },
    onError: form.fail,
  });
  return (
    <ZodForm form={form} mutation={mutation} initialValues={initialValues} toInput={(values) => ({ ...values, version: transfer.version })}>
      {children}
      <DialogFooter onCancel={onDone} submitText={submitText} loading={mutation.isPending} danger={danger} />
    </ZodForm>
  );
}
