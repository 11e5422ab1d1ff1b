import { type CaseDetail, type StepResult, stepInput } from '@hangbiao/shared/contracts/development';
import { conversionOutcomes } from '@hangbiao/shared/glossary';
import { type StepDataField, stepDefinition, workingDaysBetween } from '@hangbiao/shared/rules';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { fieldRules, ListField, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { DocumentFields } from './development-case-dialog';
import { DueDate, stepTitle } from './development-labels';
import { developmentApi, refreshAfterWrite } from './development-queries';
import { notFuture } from './member-fields';
import { optionsOf } from './member-labels';
import { MemberSelect } from './transfer-pickers';

const rules = fieldRules(stepInput);

interface Props {
  detail: CaseDetail;
  step: number;
  open: boolean;
  onClose: () => void;
}

/** 记录步骤: the fields the step records; a refusal shows each rule it breaks, with its source. */
export function StepDialog({ detail, step, open, onClose }: Props) {
  return (
    <FormDialog title={`${stepTitle(step)} · ${detail.name}`} open={open} onClose={onClose} width={680}>
      <StepForm detail={detail} step={step} onClose={onClose} />
    </FormDialog>
  );
}

function warn(modal: ReturnType<typeof App.useApp>['modal'], result: StepResult) {
  modal.warning({
    title: '已记录，但请注意',
    content: (
      <ul style={{ paddingInlineStart: 20, margin: 0 }}>
        {result.warnings.map((w) => (
          <li key={`${w.rule}${w.message}`}>
            {w.message}
            <br />
            <Typography.Text type="secondary">依据：{w.source}</Typography.Text>
          </li>
        ))}
      </ul>
    ),
  });
}

function StepForm({ detail, step, onClose }: Omit<Props, 'open'>) {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(stepInput);
  const fields = stepDefinition(step).data;
  const scheduled = detail.steps[step - 1];
  const record = useMutation({
    mutationFn: (input: Parameters<typeof developmentApi.record>[1]) => developmentApi.record(detail.id, input),
    onSuccess: async (result) => {
      await refreshAfterWrite(client, result.case);
      if (result.warnings.length) warn(modal, result);
      else void message.success(`已记录${stepTitle(step)}`);
      onClose();
    },
    onError: form.fail,
  });
  const has = (field: StepDataField) => fields.includes(field);

  return (
    <ZodForm
      form={form}
      mutation={record}
      toInput={(values) => ({ ...values, version: detail.version, step })}
      initialValues={{ doneOn: dayjs(), documents: [], data: initialData(step) }}
    >
      {scheduled?.dueOn && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={<DueDate dueOn={scheduled.dueOn} source={scheduled.source} prefix="办理期限" />} />
      )}
      {scheduled?.earliestOn && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${scheduled.earliestOn} 起方可办理`}
          description={scheduled.source ? `依据：${scheduled.source}` : undefined}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="doneOn" label="办理日期" rules={rules('doneOn')}>
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="orgId" label="办理组织" extra="不填则为本支部；上级党委办理的步骤为上一级机关党委">
            <OrgPicker placeholder="默认" />
          </Form.Item>
        </Col>
      </Row>
      {has('contacts') && <PeopleFields name="contacts" label="培养联系人（1～2 名正式党员）" max={2} />}
      {has('sponsors') && <PeopleFields name="sponsors" label="入党介绍人（2 名正式党员）" max={2} withDiscipline />}
      {has('reviewPassed') && (
        <Form.Item name={['data', 'reviewPassed']} label="政治审查结论" rules={[{ required: true, message: '请选择审查结论' }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: '合格' },
              { value: false, label: '不合格' },
            ]}
          />
        </Form.Item>
      )}
      {has('notice') && <NoticeFields />}
      {has('training') && (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name={['data', 'training', 'days']} label="培训天数">
              <InputNumber min={0} max={366} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['data', 'training', 'hours']} label="培训学时">
              <InputNumber min={0} max={10000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      {has('vote') && <VoteFields />}
      {has('outcome') && <OutcomeFields />}
      {has('approved') && (
        <Form.Item name={['data', 'approved']} label="审批结果" rules={[{ required: true, message: '请选择审批结果' }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: '批准' },
              { value: false, label: '不批准' },
            ]}
          />
        </Form.Item>
      )}
      {has('delayReason') && (
        <Form.Item name={['data', 'delayReason']} label="超过三个月审批的原因" extra="支部大会通过后超过 3 个月审批的须说明特殊情况，最长不超过 6 个月">
          <Input maxLength={200} />
        </Form.Item>
      )}
      <DocumentFields />
      <Form.Item name="note" label="备注" rules={rules('note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="记录" loading={record.isPending} />
    </ZodForm>
  );
}

/** A vote starts from zero counts; people lists from empty rows to fill. */
function initialData(step: number) {
  const fields = stepDefinition(step).data;
  return {
    ...(fields.includes('vote') && { vote: { entitled: 0, present: 0, yes: 0, no: 0, abstain: 0, written: 0 } }),
    ...(fields.includes('sponsors') && { sponsors: [{}, {}] }),
    ...(fields.includes('contacts') && { contacts: [{}] }),
  };
}

function PeopleFields({ name, label, max, withDiscipline = false }: { name: 'contacts' | 'sponsors'; label: string; max: number; withDiscipline?: boolean }) {
  return (
    <ListField name={['data', name]} label={label} newRow={{}} addText="添加" max={max}>
      {(field) => (
        <>
          <Form.Item name={[field.name, 'memberId']} noStyle rules={[{ required: true, message: '请选择党员' }]}>
            <MemberSelect />
          </Form.Item>
          {withDiscipline && (
            <Form.Item name={[field.name, 'underDiscipline']} noStyle valuePropName="checked">
              <Checkbox style={{ whiteSpace: 'nowrap' }}>受留党察看处分</Checkbox>
            </Form.Item>
          )}
        </>
      )}
    </ListField>
  );
}

function NoticeFields() {
  const start = Form.useWatch(['data', 'notice', 'startOn']) as dayjs.Dayjs | undefined;
  const end = Form.useWatch(['data', 'notice', 'endOn']) as dayjs.Dayjs | undefined;
  const days = start && end && !end.isBefore(start) ? workingDaysBetween(start.format('YYYY-MM-DD'), end.format('YYYY-MM-DD')) : undefined;
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name={['data', 'notice', 'startOn']} label="公示开始" rules={[{ required: true, message: '请选择公示开始日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name={['data', 'notice', 'endOn']}
          label="公示结束"
          rules={[{ required: true, message: '请选择公示结束日期' }]}
          extra={days !== undefined && `共 ${days} 个工作日（法定节假日不计，调休上班日计入）`}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

const voteItems: [key: string, label: string][] = [
  ['entitled', '应到（有表决权）'],
  ['present', '实到（有表决权）'],
  ['yes', '赞成'],
  ['no', '反对'],
  ['abstain', '弃权'],
  ['written', '书面意见'],
];

function VoteFields() {
  return (
    <Form.Item label="支部党员大会表决" extra="只计正式党员：预备党员没有表决权。赞成、反对、弃权含未到会党员会前提交的书面意见。" required>
      <Row gutter={8}>
        {voteItems.map(([key, text]) => (
          <Col key={key} xs={12} md={8}>
            <Form.Item name={['data', 'vote', key]} label={text} rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Form.Item>
  );
}

function OutcomeFields() {
  const outcome = Form.useWatch(['data', 'outcome']);
  return (
    <Flex gap={16} wrap>
      <Form.Item name={['data', 'outcome']} label="支部大会决议" rules={[{ required: true, message: '请选择决议' }]}>
        <Radio.Group optionType="button" options={optionsOf(conversionOutcomes)} />
      </Form.Item>
      {outcome === 'extend' && (
        <Form.Item
          name={['data', 'extensionMonths']}
          label="延长（月）"
          extra="不少于 6 个月，最长不超过 12 个月，只能延长一次"
          rules={[{ required: true, message: '请填写' }]}
        >
          <InputNumber min={1} max={24} precision={0} />
        </Form.Item>
      )}
    </Flex>
  );
}
