import { Duration, TimeZone } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type ScheduleDef, type ScheduledEvent, scheduleExpression, schedules } from '../lib/schedules';
import { deadLetterQueue } from './dead-letter-queue';

/** Jobs are idempotent and take "now" from the event, so a late retry does the same work. */
export const jobRetry = { retryAttempts: 3, maxEventAge: Duration.hours(1) };
/** Lambda's own retries of a job that threw (at most 2), before its on-failure destination. */
export const scheduledRetry = { retryAttempts: 2, maxEventAge: Duration.hours(6) };

export interface RecurringJobsProps {
  target: IFunction;
  companyTimeZone: string;
}

/**
 * One EventBridge Scheduler schedule per entry of lib/schedules.ts. The expression
 * is the string lib/schedules.ts builds (the one the local emulator runs), not
 * re-derived from the fields, so both runtimes fire at the same moments.
 */
export class RecurringJobs extends Construct {
  readonly deadLetters: Queue;
  readonly schedules = new Map<string, Schedule>();

  constructor(scope: Construct, id: string, props: RecurringJobsProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    for (const def of schedules) {
      const event: ScheduledEvent = { job: def.name, time: ContextAttribute.scheduledTime.toString() };
      this.schedules.set(
        def.name,
        new Schedule(this, def.name, {
          description: def.description,
          schedule: ScheduleExpression.expression(scheduleExpression(def), TimeZone.of(zoneOf(def, props.companyTimeZone))),
          timeWindow: TimeWindow.off(),
          target: new LambdaInvoke(props.target, {
            input: ScheduleTargetInput.fromObject(event),
            deadLetterQueue: this.deadLetters,
            ...jobRetry,
          }),
        }),
      );
    }
  }
}

export const zoneOf = (def: ScheduleDef, companyTimeZone: string) => (def.timeZone === 'company' ? companyTimeZone : 'UTC');
