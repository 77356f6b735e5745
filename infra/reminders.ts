import { ArnFormat, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue';

export interface RemindersProps {
  /** ARN of the function the reminders invoke (functions/scheduled.ts). */
  targetArn: string;
}

/**
 * One-off reminders are at() schedules the app creates at runtime
 * (lib/services/reminders.ts) in their own group, invoking the scheduled
 * function through a role the app passes. Everything here is scoped to that
 * group and that role, so the app cannot touch the recurring job schedules.
 */
export class Reminders extends Construct {
  readonly group: ScheduleGroup;
  /** Assumed by EventBridge Scheduler to invoke the target; passed by the app. */
  readonly invokeRole: Role;
  /**
   * Reminders the scheduler could not deliver after its retries (lib/services/reminders.ts
   * sets the retry policy and this queue on every schedule it creates).
   */
  readonly deadLetters: Queue;
  private readonly targetArn: string;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    this.targetArn = props.targetArn;
    // Pending reminders live in the group: deleting the stack must not silently drop them.
    this.group = new ScheduleGroup(this, 'Group', { removalPolicy: RemovalPolicy.RETAIN });
    this.invokeRole = new Role(this, 'InvokeRole', {
      description: 'Assumed by EventBridge Scheduler to run one-off CareLoop reminders',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': this.group.scheduleGroupArn } },
      }),
    });
    // The unqualified ARN only: reminders always run the current code.
    this.invokeRole.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.targetArn] }));
    // The scheduler writes dead-letter events with the schedule's own role.
    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    this.deadLetters.grantSendMessages(this.invokeRole);
  }

  /** Schedules in this group are named at runtime (a hash of the task), hence the group-level wildcard. */
  get scheduleArnPattern(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.group.scheduleGroupName}/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** What a function needs to create, move and cancel reminders, plus the env vars lib/config/care.ts reads. */
  grantManage(grantee: IGrantable): Record<string, string> {
    Grant.addToPrincipal({
      grantee,
      actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
      resourceArns: [this.scheduleArnPattern],
    });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.invokeRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    return {
      REMINDER_SCHEDULE_GROUP: this.group.scheduleGroupName,
      REMINDER_TARGET_ARN: this.targetArn,
      REMINDER_ROLE_ARN: this.invokeRole.roleArn,
      REMINDER_DEAD_LETTER_ARN: this.deadLetters.queueArn,
    };
  }
}
