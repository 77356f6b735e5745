import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { ContractViolation, contractChecker } from '../support/contract';

/** The contract check must fail when a response strays from the document, or it proves nothing. */
const check = contractChecker(loadConfig({}));
const url = (path: string) => `http://127.0.0.1:1${path}`;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

const task = {
  id: 'tsk_1',
  customerId: 'cus_1',
  customerName: '张三',
  kind: 'birthday',
  dueDate: '2026-12-06',
  assigneeId: 'U1',
  status: 'pending',
  suggestedActions: [],
  details: {},
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'system',
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'system',
  version: 1,
};

describe('contract check', () => {
  it('passes a response the document describes', async () => {
    await expect(check('GET', url('/api/tasks/tsk_1'), json(200, task, { etag: '"1"' }))).resolves.toBeUndefined();
    const missing = { error: { code: 'not_found', message: 'task tsk_2 not found' } };
    await expect(check('GET', url('/api/tasks/tsk_2'), json(404, missing))).resolves.toBeUndefined();
  });

  it('fails a status the operation does not list', async () => {
    await expect(check('GET', url('/api/tasks/tsk_1'), json(409, { error: { code: 'conflict', message: 'x' } }))).rejects.toThrow(
      /getTask\) answered 409/,
    );
  });

  it('fails a body that does not match, an undocumented field, a wrong error code and a missing header', async () => {
    await expect(check('GET', url('/api/tasks/tsk_1'), json(200, { ...task, version: 'one' }, { etag: '"1"' }))).rejects.toThrow(
      ContractViolation,
    );
    await expect(check('GET', url('/api/tasks/tsk_1'), json(200, { ...task, secret: 1 }, { etag: '"1"' }))).rejects.toThrow(
      /additional properties/,
    );
    await expect(check('GET', url('/api/tasks/tsk_1'), json(404, { error: { code: 'conflict', message: 'x' } }))).rejects.toThrow(
      /\/error\/code/,
    );
    await expect(check('GET', url('/api/tasks/tsk_1'), json(200, task))).rejects.toThrow(/header ETag missing/);
  });

  it('fails an undocumented media type and a body where none is documented', async () => {
    const csv = new Response('a,b\n', { status: 200, headers: { 'content-type': 'text/csv', etag: '"1"' } });
    await expect(check('GET', url('/api/tasks/tsk_1'), csv)).rejects.toThrow(/Content-Type text\/csv is not documented/);
    const undocumentedBody = json(200, { ok: true });
    await expect(check('DELETE', url('/api/customers/cus_1'), undocumentedBody)).rejects.toThrow(/answered 200/);
    await expect(check('DELETE', url('/api/customers/cus_1'), new Response(null, { status: 204 }))).resolves.toBeUndefined();
  });

  it('leaves the gateway’s own answers to unknown paths alone', async () => {
    await expect(check('GET', url('/api/nothing'), json(404, { message: 'Not Found' }))).resolves.toBeUndefined();
  });
});
