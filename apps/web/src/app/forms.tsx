import { Alert, Button, Flex, Form, type FormInstance, type FormListFieldData, type FormProps, type FormRule } from 'antd';
import { type ReactNode, useState } from 'react';
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

interface ZodFormState<Input> {
  form: FormInstance;
  parse: (values: unknown) => Input | undefined;
  fail: (error: unknown) => void;
  reset: () => void;
  alert: ReactNode;
}

/**
 * A form validated by an API contract: `parse` checks the submitted values with the zod schema
 * (issues land on their fields), `fail` places a server error, `alert` shows what fits no field.
 */
export function useZodForm<S extends z.ZodType>(schema: S): ZodFormState<z.output<S>> {
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

interface ZodFormProps<Input> extends Omit<FormProps, 'form' | 'onFinish' | 'children'> {
  /** From `useZodForm`; its `fail` is the mutation's `onError`. */
  form: ZodFormState<Input>;
  mutation: { mutate: (input: NoInfer<Input>, options?: { onSuccess?: () => void }) => void };
  /** The request built from the form's values, when they are not the request as they stand. */
  toInput?: (values: Record<string, unknown>) => unknown;
  /** Clears the form once the mutation succeeds, for a form that stays open to be used again. */
  resetOnSuccess?: boolean;
  children: ReactNode;
}

/**
 * The <Form> of a `useZodForm` (vertical unless told), with its alert above: on submit the values
 * (through `toInput`) are parsed with the contract and, when valid, sent with `mutation.mutate`.
 */
export function ZodForm<Input>({ form, mutation, toInput: request, resetOnSuccess = false, layout = 'vertical', children, ...rest }: ZodFormProps<Input>) {
  const { parse, reset, alert } = form;
  const onFinish = (values: Record<string, unknown>) => {
    const input = parse(request ? request(values) : values);
    if (input) mutation.mutate(input, resetOnSuccess ? { onSuccess: reset } : undefined);
  };
  return (
    <>
      {alert}
      <Form {...rest} form={form.form} layout={layout} onFinish={onFinish}>
        {children}
      </Form>
    </>
  );
}

interface ListFieldProps {
  /** A field name, or the path of a nested one (`['data', 'sponsors']`). */
  name: string | (string | number)[];
  label: string;
  required?: boolean;
  /** The row a new one starts as. */
  newRow: Record<string, unknown>;
  addText: string;
  max: number;
  /** The last row cannot be deleted. */
  keepOne?: boolean;
  /** The fields of one row. */
  children: (field: FormListFieldData, index: number) => ReactNode;
}

/** A `Form.List` of rows, each with its 删除 button, and a dashed button below that adds a row (up to `max`). */
export function ListField({ name, label, required, newRow, addText, max, keepOne = false, children }: ListFieldProps) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Form.Item label={label} required={required}>
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start">
                {children(field, index)}
                <Button onClick={() => remove(field.name)} disabled={keepOne && fields.length === 1}>
                  删除
                </Button>
              </Flex>
            ))}
            <Button type="dashed" onClick={() => add(newRow)} disabled={fields.length >= max}>
              {addText}
            </Button>
          </Flex>
        </Form.Item>
      )}
    </Form.List>
  );
}
