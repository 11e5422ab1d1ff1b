import { Button, Flex } from 'antd';

/**
 * The buttons of a form dialog, rendered inside its <Form> so "submit" runs the form's validation.
 * Dialogs put their form in a child of the Modal: with `destroyOnHidden` each opening gets a fresh form
 * and fresh initial values.
 */
export function DialogFooter({ onCancel, submitText, loading, danger }: { onCancel: () => void; submitText: string; loading: boolean; danger?: boolean }) {
  return (
    <Flex justify="end" gap={8} style={{ marginTop: 8 }}>
      <Button onClick={onCancel}>取消</Button>
      <Button type="primary" danger={danger} htmlType="submit" loading={loading}>
        {submitText}
      </Button>
    </Flex>
  );
}
