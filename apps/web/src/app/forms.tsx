import { Alert, Form, type FormInstance, type FormRule } from 'antd';
import { useState } from 'react';
import { z } from 'zod';
import { ApiError, errorText } from './api';
import { type FieldPath, placeMessages, problemPath, toInput } from './form-values';

/** An antd rule that checks one field with the zod schema the API validates it with. */
export function zodRule(schema: z.core.$ZodType): FormRule {
  const required = !z.safeParse(schema, undefined).success;
  return {
    required,
    validator: async (_rule, value: unknown) => {
      const input = toInput(value);
      if (input === undefined || input === null) {
        if (required) throw new Error('此项为必填');
        return;
      }
      const result = z.safeParse(schema, input);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '输入有误');
    },
  };
}

/** `rules(key)` gives the antd rules of one field of an object contract. */
export function fieldRules<Shape extends z.core.$ZodShape>(schema: { shape: Shape }) {
  return (key: keyof Shape & string): FormRule[] => {
    const field = schema.shape[key];
    if (!field) throw new Error(`No field "${key}" in the contract`);
    return [zodRule(field)];
  };
}

/** Shows each message on the nearest registered field of its path; returns those no field can show. */
function setFieldErrors(form: FormInstance, messages: { path: FieldPath; message: string }[]): string[] {
  const { fieldErrors, leftover } = placeMessages(
    form.getFieldsError().map((field) => field.name),
    messages,
  );
  form.setFields(fieldErrors);
  return leftover;
}

/** Puts a server error's field issues (`errors[].path` like `body.name`) onto the form; returns the messages to show above it. */
function applyProblem(form: FormInstance, error: unknown): string[] {
  if (!(error instanceof ApiError) || error.errors.length === 0) return [errorText(error)];
  const leftover = setFieldErrors(
    form,
    error.errors.map((issue) => ({ path: problemPath(issue.path), message: issue.message })),
  );
  return leftover.length ? [error.title, ...leftover] : [];
}

const isKey = (part: PropertyKey): part is string | number => typeof part !== 'symbol';

/**
 * A form validated by an API contract: `parse` checks the submitted values with the zod schema
 * (issues land on their fields), `fail` places a server error, `alert` shows what fits no field.
 */
export function useZodForm<S extends z.ZodType>(schema: S) {
  const [form] = Form.useForm();
  const [messages, setMessages] = useState<string[]>([]);

  const parse = (values: unknown): z.output<S> | undefined => {
    setMessages([]);
    const result = schema.safeParse(toInput(values));
    if (result.success) return result.data;
    setMessages(
      setFieldErrors(
        form,
        result.error.issues.map((issue) => ({ path: issue.path.filter(isKey), message: issue.message })),
      ),
    );
    return undefined;
  };

  const fail = (error: unknown) => setMessages(applyProblem(form, error));
  const reset = () => {
    setMessages([]);
    form.resetFields();
  };

  const alert =
    messages.length > 0 ? (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={messages[0]}
        description={messages.length > 1 ? messages.slice(1).join('；') : undefined}
      />
    ) : null;

  return { form, parse, fail, reset, alert };
}
