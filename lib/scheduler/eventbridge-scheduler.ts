import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { OneOffSchedule, ReminderScheduler } from '../services/reminder-scheduler';

const nameOf = (error: unknown) => (error as { name?: string }).name;

/**
 * The reminder port on EventBridge Scheduler. With `endpoint` the same SDK talks
 * to the local Scheduler emulator (lib/local/scheduler-api.ts), which answers
 * with the service's own errors, so one adapter serves AWS and the local stack.
 */
export function eventBridgeScheduler(opts: { region: string; endpoint?: string }): ReminderScheduler {
  let client: SchedulerClient | undefined;
  // Built on first use: a process that schedules nothing never creates the client.
  const scheduler = () =>
    (client ??= new SchedulerClient({
      region: opts.region,
      ...(opts.endpoint ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      maxAttempts: 3,
    }));
  return {
    async upsert(s: OneOffSchedule) {
      const input: CreateScheduleCommandInput = {
        Name: s.name,
        GroupName: s.group,
        ScheduleExpression: `at(${s.at})`,
        ScheduleExpressionTimezone: s.timeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: s.targetArn,
          RoleArn: s.roleArn,
          RetryPolicy: { MaximumRetryAttempts: s.retry.maximumRetryAttempts, MaximumEventAgeInSeconds: s.retry.maximumEventAgeInSeconds },
          ...(s.deadLetterArn ? { DeadLetterConfig: { Arn: s.deadLetterArn } } : {}),
          Input: s.input,
        },
      };
      try {
        await scheduler().send(new CreateScheduleCommand(input));
      } catch (error) {
        if (nameOf(error) !== 'ConflictException') throw error;
        await scheduler().send(new UpdateScheduleCommand(input));
      }
    },
    async remove(name: string, group: string) {
      try {
        await scheduler().send(new DeleteScheduleCommand({ Name: name, GroupName: group }));
      } catch (error) {
        if (nameOf(error) !== 'ResourceNotFoundException') throw error;
      }
    },
  };
}
