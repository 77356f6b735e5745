import { t } from '../i18n';
import { careActionIds } from './blocks/care';
import { modal, privateMetadata, stateValue, textInput } from './blocks/elements';
import type { SlackFeature, Subcommand } from './feature-module';
import type { Change, TaskClick } from './jobs/care';
import { onAction, onView } from './listeners';

/**
 * Care tasks in Slack: the buttons on every task (done, snooze a day or a
 * week, skip, note), `/crm tasks [today|week]` and `/crm remind <customer>
 * <when> <text>`. The listeners hand off; jobs/care.ts changes the task and
 * re-renders its two blocks in place, inside whatever message or tab holds them.
 */
const NOTE_MODAL = 'care.note_modal';
const SNOOZE_DAYS = { [careActionIds.snooze1d]: 1, [careActionIds.snooze1w]: 7 } as const;

const tasksCommand: Subcommand = {
  name: 'tasks',
  aliases: ['任务', '待办', 'todo'],
  run: (c) => c.handOff('care.list', { range: /week|周|星期/i.test(c.args) ? 'week' : 'today' }),
};

const remindCommand: Subcommand = {
  name: 'remind',
  aliases: ['提醒', 'reminder'],
  run: (c) => c.handOff('care.remind', { text: c.args }),
};

export const care: SlackFeature = {
  subcommands: [tasksCommand, remindCommand],

  register(app, kit) {
    const click = (a: Parameters<Parameters<typeof onAction>[3]>[0]): TaskClick => ({
      taskId: a.value,
      channelId: a.click.channelId,
      messageTs: a.click.messageTs,
      isEphemeral: a.click.isEphemeral,
      viewType: a.click.viewType,
      responseUrl: a.click.responseUrl,
    });
    const changeOn = (actionId: string, change: Change) =>
      onAction(app, kit, actionId, (a) => a.handOff('care.change', { task: click(a), change, blocks: a.click.messageBlocks }));
    changeOn(careActionIds.done, { change: 'done' });
    changeOn(careActionIds.skip, { change: 'skip' });
    changeOn(careActionIds.snooze1d, { change: 'snooze', days: SNOOZE_DAYS[careActionIds.snooze1d] });
    changeOn(careActionIds.snooze1w, { change: 'snooze', days: SNOOZE_DAYS[careActionIds.snooze1w] });
    onAction(app, kit, careActionIds.note, async (a) => {
      const s = await a.session();
      await a.openModal(
        modal(
          NOTE_MODAL,
          t(s.locale, 'care.button.note'),
          [textInput('note', t(s.locale, 'slack.field.note'), { multiline: true, maxLength: 2000 })],
          {
            submit: t(s.locale, 'slack.modal.save'),
            close: t(s.locale, 'slack.modal.cancel'),
            privateMetadata: click(a),
          },
        ),
      );
    });
    onView(app, kit, NOTE_MODAL, async (v) => {
      const task = privateMetadata<TaskClick>({ private_metadata: v.privateMetadata });
      const note = stateValue(v.values, 'note');
      const s = await v.session();
      if (!note)
        return v.ack({
          response_action: 'errors',
          errors: { note: `${t(s.locale, 'slack.field.note')}: ${t(s.locale, 'slack.form.required')}` },
        });
      await v.ack();
      if (task)
        await v.handOff(
          'care.change',
          { task, change: { change: 'note', note } },
          { responseUrl: task.responseUrl, channelId: task.channelId },
        );
    });
  },
};
