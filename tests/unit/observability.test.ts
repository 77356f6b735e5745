import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../lib/local/api-gateway';

/**
 * What every function writes besides its result: Powertools log lines carrying
 * the Lambda context, and EMF records of the product's figures and job outcomes.
 * Metrics are on here (vitest turns them off elsewhere); stdout is captured.
 */
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
process.env.POWERTOOLS_SERVICE_NAME = 'careloop-scheduled';
process.env.LOG_LEVEL = 'INFO';
// Lambda sets this; Powertools reports a cold start only for on-demand environments.
process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';

// The function's own wrapper over two jobs of this test's (functions/scheduled.ts passes the real map).
const { scheduledJobHandler } = await import('../../lib/scheduled/handler');
const { countMetric, productMetric } = await import('../../lib/services/product-metrics');
const { setAppContext, createContext } = await import('../../lib/services/context');

const lines: string[] = [];
let spy: ReturnType<typeof vi.spyOn>;
const records = () =>
  lines
    .flatMap((l) => l.split('\n'))
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, any>);
const emf = () => records().filter((r) => r._aws);

const handler = scheduledJobHandler({
  'test-ok': async (ctx) => {
    countMetric(productMetric.complaintsOpened, 2);
    ctx.logger.info('working');
    return 'fine';
  },
  'test-boom': async () => {
    throw new Error('boom');
  },
});

describe('functions/scheduled observability', () => {
  beforeAll(() => {
    setAppContext(createContext());
    spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterAll(() => {
    spy.mockRestore();
    setAppContext(undefined);
  });

  it("logs with the Lambda context and this function's service name, and flushes the product figures as EMF", async () => {
    const context = lambdaContext('CareLoop-scheduled');
    await expect(handler({ job: 'test-ok', time: '2025-03-01T00:00:00Z' }, context)).resolves.toMatchObject({ ok: true, result: 'fine' });
    const log = records().find((r) => r.message === 'working')!;
    expect(log).toMatchObject({
      service: 'careloop-scheduled',
      function_request_id: context.awsRequestId,
      function_name: 'CareLoop-scheduled',
      cold_start: true,
    });
    const metrics = emf();
    const coldStart = metrics.find((m) => m.ColdStart === 1)!;
    expect(coldStart).toMatchObject({ function_name: 'CareLoop-scheduled', service: 'careloop' });
    const figures = metrics.find((m) => m.ComplaintsOpened !== undefined)!;
    expect(figures).toMatchObject({ ComplaintsOpened: 2, service: 'careloop' });
    expect(figures._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'CareLoop',
      Dimensions: [['service']],
      Metrics: [{ Name: 'ComplaintsOpened', Unit: 'Count' }],
    });
    const outcome = metrics.find((m) => m.JobSucceeded === 1)!;
    expect(outcome).toMatchObject({ job: 'test-ok', service: 'careloop' });
    expect(outcome._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service', 'job']]);
  });

  it('counts a job that throws as failed and throws on, so Lambda retries it and then parks it in the failure queue', async () => {
    lines.length = 0;
    await expect(handler({ job: 'test-boom', time: '2025-03-01T00:00:00Z' }, lambdaContext('CareLoop-scheduled'))).rejects.toThrow('boom');
    expect(emf().find((m) => m.JobFailed === 1)).toMatchObject({ job: 'test-boom' });
    // a warm invocation: no second ColdStart
    expect(emf().some((m) => m.ColdStart !== undefined)).toBe(false);
    expect(emf().some((m) => m.ComplaintsOpened !== undefined)).toBe(false);
  });
});
