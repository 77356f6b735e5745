/**
 * The port for one-off schedules (EventBridge Scheduler in AWS, its local
 * emulator on the local stack, a fake in tests): use cases say what should
 * fire when, the adapter talks to the service.
 */
export interface OneOffSchedule {
  name: string;
  group: string;
  /** local wall-clock time `yyyy-mm-ddThh:mm:ss` in `timeZone` */
  at: string;
  timeZone: string;
  targetArn: string;
  roleArn: string;
  retry: { maximumRetryAttempts: number; maximumEventAgeInSeconds: number };
  deadLetterArn?: string;
  /** the target's input; `<aws.scheduler.scheduled-time>` is replaced by the planned time when it fires */
  input: string;
}

export interface ReminderScheduler {
  /** Creates the schedule, or replaces the one of the same name (a repeat or a new time). */
  upsert(schedule: OneOffSchedule): Promise<void>;
  /** Deletes it; a schedule that is not there (fired, or never made) is no error. */
  remove(name: string, group: string): Promise<void>;
}
