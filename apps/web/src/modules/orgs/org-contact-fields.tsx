import { Form, type FormRule, Input } from 'antd';

/** The contact person and phone of an org, checked by the contract `rules` come from. */
export function ContactFields({ rules }: { rules: (key: 'contactName' | 'contactPhone') => FormRule[] }) {
  return (
    <>
      <Form.Item name="contactName" label="联系人" rules={rules('contactName')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话" rules={rules('contactPhone')}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
    </>
  );
}
