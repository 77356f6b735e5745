import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../lib/local/api-gateway';
import { toCronerPattern } from '../../lib/local/scheduler';
import { scheduleExpression, schedules } from '../../lib/schedules';

describe('local API Gateway route matching', () => {
  it('prefers literal segments over parameters, as API Gateway does', () => {
    const m = matchRoute('POST', '/api/customers/import');
    expect(m && m !== 'method-not-allowed' && m.route.path).toBe('/api/customers/import');
  });
  it('extracts and decodes path parameters', () => {
    const m = matchRoute('GET', '/api/customers/cus_%E5%BC%A0');
    expect(m !== 'method-not-allowed' && m?.pathParameters).toEqual({ id: 'cus_张' });
  });
  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute('PUT', '/api/customers')).toBe('method-not-allowed');
    expect(matchRoute('GET', '/nope')).toBeUndefined();
  });
});

describe('schedules', () => {
  it('translate to EventBridge expressions and to the local cron', () => {
    const sweep = schedules.find((s) => s.name === 'sla-sweep')!;
    expect(scheduleExpression(sweep)).toBe('cron(0/5 * * * ? *)');
    expect(toCronerPattern(sweep.cron)).toBe('*/5 * * * *');
    expect(toCronerPattern({ minute: '0', hour: '9', dayOfMonth: '?', month: '*', dayOfWeek: '2', year: '*' })).toBe('0 9 * * 1');
  });
});
