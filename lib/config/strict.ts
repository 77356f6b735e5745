import type * as z from 'zod';

/**
 * Settings sections are strict: a key the schema does not know (a typo such as `returnVisitEveryMonth`) stops
 * start-up naming it, instead of being dropped silently while the default it meant to change stays in force.
 * Walks the parsed JSON alongside the schema, through defaults, optionals, pipes and arrays.
 */
export function unknownKeys(schema: z.ZodType, value: unknown, path: string[] = []): Array<{ path: string; known: string[] }> {
  const def = schema.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unknownKeys(def.innerType as z.ZodType, value, path);
    case 'pipe':
      return unknownKeys(def.in as z.ZodType, value, path);
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => unknownKeys(def.element as z.ZodType, item, [...path, String(i)])) : [];
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.entries(value).flatMap(([key, inner]) =>
        key in shape
          ? unknownKeys(shape[key] as z.ZodType, inner, [...path, key])
          : [{ path: [...path, key].join('.'), known: Object.keys(shape) }],
      );
    }
    default:
      return [];
  }
}

/** Throws when the JSON of settings section `name` has keys its schema does not know; unreadable JSON is left to the section's own parse. */
export function rejectUnknownKeys(name: string, schema: z.ZodType, raw: string | undefined): void {
  if (!raw) return;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return;
  }
  const unknown = unknownKeys(schema, value);
  if (unknown.length === 0) return;
  const lines = unknown.map((u) => `✖ Unknown key "${u.path}" (known here: ${u.known.join(', ')})`);
  throw new Error(`Configuration ${name} is invalid:\n${lines.join('\n')}`);
}
