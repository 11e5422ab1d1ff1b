import dayjs from 'dayjs';

export type FieldPath = (string | number)[];

/** Form values as the API takes them: dates as YYYY-MM-DD, blank strings left out, nulls kept (they clear a field). */
export function toInput(value: unknown): unknown {
  if (dayjs.isDayjs(value)) return value.format('YYYY-MM-DD');
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value)) return value.map(toInput);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, v]) => [key, toInput(v)])
        .filter(([, v]) => v !== undefined),
    );
  }
  return value;
}

const requestParts = new Set(['body', 'querystring', 'query', 'params']);

/** A problem+json field path such as `body.posts.0.holderName`, as a form field path `['posts', 0, 'holderName']`. */
export function problemPath(path: string): FieldPath {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] && requestParts.has(parts[0])) parts.shift();
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const pathKey = (path: readonly (string | number)[]) => path.map(String).join('.');

/**
 * Assigns each message to the nearest field that exists (`coveredUnitIds.1` → `coveredUnitIds`);
 * returns the grouped field errors and the messages no field can show.
 */
export function placeMessages(fields: FieldPath[], messages: { path: FieldPath; message: string }[]) {
  const known = new Map(fields.map((name) => [pathKey(name), name]));
  const placed = new Map<string, { name: FieldPath; errors: string[] }>();
  const leftover: string[] = [];
  for (const { path, message } of messages) {
    let name: FieldPath | undefined;
    for (let length = path.length; length > 0 && !name; length--) name = known.get(pathKey(path.slice(0, length)));
    if (!name) {
      leftover.push(message);
      continue;
    }
    const key = pathKey(name);
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    placed.set(key, entry);
  }
  return { fieldErrors: [...placed.values()], leftover };
}
