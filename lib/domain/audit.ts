export interface FieldChange {
  before: unknown;
  after: unknown;
}

const IGNORED = new Set(['version', 'updatedAt', 'updatedBy']);

/** Before/after of each top-level field that changed, for the audit trail. */
export function changedFields(before: object, after: object): Record<string, FieldChange> {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const changes: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(key)) continue;
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) changes[key] = { before: b[key], after: a[key] };
  }
  return changes;
}
