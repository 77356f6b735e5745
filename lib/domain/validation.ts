import * as z from 'zod';
import { type FieldIssue, ValidationError } from './errors';

/** zod issues as `{ path, message }` pairs; the path names the field the user typed. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

/** Parse or throw a ValidationError whose message names every failing field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what = 'input'): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error);
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new ValidationError(`Invalid ${what}: ${summary}`, issues);
}

/**
 * The PATCH form of an object schema: every field optional and defaults dropped.
 * (zod's own .partial() still applies defaults, which would overwrite stored values.)
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => {
      const bare = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
      return [key, bare.optional()];
    }),
  );
  return z.object(shape);
}
