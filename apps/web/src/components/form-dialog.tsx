import { Button, Flex, Modal } from 'antd';
import type { ReactNode } from 'react';

/**
 * A dialog holding a form. Put the form in a child component: with `destroyOnHidden` each opening
 * gets a fresh form and fresh initial values.
 */
export function FormDialog({
  title,
  open,
  onClose,
  width,
  children,
}: {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Modal title={title} open={open} onCancel={onClose} footer={null} destroyOnHidden width={width}>
      {children}
    </Modal>
  );
}

/** The buttons of a form dialog, rendered inside its <Form> so "submit" runs the form's validation. */
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
