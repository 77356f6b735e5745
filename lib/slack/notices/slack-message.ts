import { t } from '../../i18n';
import type { Notice } from '../../services/notices';
import { careDigestMessage, careTaskMessage } from '../blocks/care';
import { type ComplaintNotice, complaintMessage, complaintNoticeMessage, correctiveActionMessage } from '../blocks/complaints';
import { digestMessage } from '../blocks/digest';
import { importProgressMessage, importSummaryMessage } from '../blocks/imports';
import { lowScoreAlertMessage, surveyLinksMessage } from '../blocks/surveys';
import type { SlackMessage } from './slack-transport';

/** The complaint reason line's wording, from the notice's kind (the blocks keep their own shape). */
function complaintNoticeOf(notice: Extract<Notice, { kind: 'sla-warning' | 'escalation' | 'complaint-assigned' }>): ComplaintNotice {
  switch (notice.kind) {
    case 'sla-warning':
      return { kind: 'sla', alert: notice.alert };
    case 'complaint-assigned':
      return { kind: 'assigned', by: notice.by };
    case 'escalation':
      return notice.cause;
  }
}

/** Each notice as Block Kit, built by the blocks of its feature (lib/slack/blocks). Pure. */
export function slackMessageOf(notice: Notice): SlackMessage {
  switch (notice.kind) {
    case 'complaint-posted':
    case 'complaint-changed':
      return complaintMessage(notice.complaint, notice);
    case 'sla-warning':
    case 'escalation':
    case 'complaint-assigned':
      return complaintNoticeMessage(notice.complaint, complaintNoticeOf(notice), notice);
    case 'corrective-action':
      return correctiveActionMessage(notice.action, notice.locale);
    case 'care-task':
      return careTaskMessage(notice.task, { locale: notice.locale, today: notice.today });
    case 'care-digest':
      return careDigestMessage(notice.tasks, { locale: notice.locale, day: notice.day, maxTasks: notice.maxTasks });
    case 'survey-links':
      return surveyLinksMessage(notice.lines, { locale: notice.locale, expiryDays: notice.expiryDays, reminder: notice.reminder });
    case 'survey-invitation': {
      // Meant for the customer's inbox; in Slack (a staff member testing the survey) the same words as a message.
      const subject = t(notice.locale, 'survey.email.subject', { company: notice.company });
      const body = t(notice.locale, 'survey.email.body', {
        greeting: notice.greeting,
        company: notice.company,
        link: notice.link,
        days: notice.expiryDays,
      });
      return { text: subject, blocks: [{ type: 'section', text: { type: 'plain_text', text: `${subject}\n\n${body}`.slice(0, 3000) } }] };
    }
    case 'low-score-alert':
      return lowScoreAlertMessage(notice.alert, notice.locale);
    case 'manager-digest':
      return digestMessage(notice.content, notice.view, notice.ownerRows);
    case 'import-progress':
      return importProgressMessage(notice.job, notice.locale);
    case 'import-finished':
      return importSummaryMessage(notice.job, notice.locale, notice.rejected?.fileName);
  }
}
