import { memberUpdate } from '@hangbiao/shared/contracts/members';
import { educations, ethnicities, genders, jobPosts } from '@hangbiao/shared/glossary';
import { idNumberFacts, normalizeIdNumber } from '@hangbiao/shared/id-number';
import { Col, DatePicker, Form, type FormInstance, type FormRule, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { fieldRules } from '../../app/forms';
import { label, optionsOf } from './member-labels';

const rules = fieldRules(memberUpdate);
/** Dates of facts already happened: none after today. */
export const notFuture = (date: dayjs.Dayjs) => date.isAfter(dayjs(), 'day');

/** One field in the form's two columns (one on a phone). */
export function FieldCell({ children }: { children: ReactNode }) {
  return (
    <Col xs={24} md={12}>
      {children}
    </Col>
  );
}

/** The date fields of a member as the form holds them (dayjs), from the record's YYYY-MM-DD strings. */
export const formDates = (m: { birthDate: string; joinedOn: string; fullOn?: string | null | undefined }) => ({
  birthDate: dayjs(m.birthDate),
  joinedOn: dayjs(m.joinedOn),
  fullOn: m.fullOn ? dayjs(m.fullOn) : undefined,
});

/** A valid ID number fills in the birth date and gender it encodes, which the contract then requires to agree. */
export function fillFromIdNumber(form: FormInstance, changed: Record<string, unknown>) {
  if (typeof changed.idNumber !== 'string') return;
  const facts = idNumberFacts(normalizeIdNumber(changed.idNumber));
  if (facts) form.setFieldsValue({ birthDate: dayjs(facts.birthDate), gender: facts.gender });
}

/** The rules of the fields a member's record and an applicant's case share: each form takes them from its own contract. */
type PersonRules = (key: 'name' | 'idNumber' | 'gender' | 'birthDate' | 'ethnicity' | 'education' | 'jobPost' | 'phone') => FormRule[];

/** Who the person is: name, the ID number and the birth date and gender it encodes, ethnicity and education. */
export function IdentityFields({ rules }: { rules: PersonRules }) {
  return (
    <>
      <FieldCell>
        <Form.Item name="name" label={label('name')} rules={rules('name')}>
          <Input maxLength={100} />
        </Form.Item>
      </FieldCell>
      <FieldCell>
        <Form.Item name="idNumber" label={label('idNumber')} rules={rules('idNumber')} extra="填写后自动带出出生日期和性别">
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
      </FieldCell>
      <FieldCell>
        <Form.Item name="gender" label={label('gender')} rules={rules('gender')}>
          <Select options={optionsOf(genders)} />
        </Form.Item>
      </FieldCell>
      <FieldCell>
        <Form.Item name="birthDate" label={label('birthDate')} rules={rules('birthDate')}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
      </FieldCell>
      <FieldCell>
        <Form.Item name="ethnicity" label={label('ethnicity')} rules={rules('ethnicity')}>
          <Select options={optionsOf(ethnicities)} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </FieldCell>
      <FieldCell>
        <Form.Item name="education" label={label('education')} rules={rules('education')}>
          <Select options={optionsOf(educations)} />
        </Form.Item>
      </FieldCell>
    </>
  );
}

export function JobPostField({ rules }: { rules: PersonRules }) {
  return (
    <FieldCell>
      <Form.Item name="jobPost" label={label('jobPost')} rules={rules('jobPost')}>
        <Select options={optionsOf(jobPosts)} />
      </Form.Item>
    </FieldCell>
  );
}

export function PhoneField({ rules }: { rules: PersonRules }) {
  return (
    <FieldCell>
      <Form.Item name="phone" label={label('phone')} rules={rules('phone')}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
    </FieldCell>
  );
}

/**
 * The record's items of the national collection form, shared by registering and editing (org and category are
 * set apart: they change only through transfers and conversion). `extra` goes after the dates, e.g. the category.
 */
export function MemberFields({ showFullOn, extra }: { showFullOn: boolean; extra?: ReactNode }) {
  return (
    <Row gutter={16}>
      <IdentityFields rules={rules} />
      {extra}
      <FieldCell>
        <Form.Item name="joinedOn" label={label('joinedOn')} rules={rules('joinedOn')} extra="支部党员大会通过之日">
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
      </FieldCell>
      {showFullOn && (
        <FieldCell>
          <Form.Item name="fullOn" label={label('fullOn')} rules={rules('fullOn')} required>
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </FieldCell>
      )}
      <JobPostField rules={rules} />
      <FieldCell>
        <Form.Item name="rank" label={label('rank')} rules={rules('rank')}>
          <Input maxLength={50} />
        </Form.Item>
      </FieldCell>
      <PhoneField rules={rules} />
      <Col span={24}>
        <Form.Item name="address" label={label('address')} rules={rules('address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}
