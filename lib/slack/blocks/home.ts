import type { Day } from '../../domain/calendar';
import type { CareTask } from '../../domain/care';
import type { Complaint } from '../../domain/complaint-schemas';
import { type Locale, t } from '../../i18n';
import { complaintSourceValue } from '../complaint-source';
import { careTaskBlocks } from './care';
import { OPEN_COMPLAINT_MODAL } from './complaint-forms';
import { complaintRows } from './complaint-lists';
import { customerActionIds } from './customers';
import { actions, type Block, button, context, divider, type HomeView, header, section } from './elements';

/**
 * The App Home tab (pure): "my work" — open complaints by due time, care
 * tasks due today or overdue (with their buttons), and quick actions.
 */
export const HOME_REFRESH = 'home.refresh';

export interface HomeData {
  complaints: Complaint[];
  moreComplaints: boolean;
  tasks: CareTask[];
  moreTasks: boolean;
  /** supervisors and above: the team's escalated or overdue complaints */
  attention?: { complaints: Complaint[]; more: boolean };
}

export function homeView(d: HomeData, o: { locale: Locale; timeZone: string; now: Date; today: Day; userId: string }): HomeView {
  const { locale } = o;
  const blocks: Block[] = [
    header(t(locale, 'slack.home.title')),
    actions([
      button(OPEN_COMPLAINT_MODAL, t(locale, 'slack.button.log_complaint'), complaintSourceValue({ kind: 'home' }), 'primary'),
      button(customerActionIds.create, t(locale, 'slack.button.new_customer'), ''),
      button(HOME_REFRESH, t(locale, 'slack.button.refresh'), o.userId),
    ]),
    context(t(locale, 'slack.home.hint')),
    ...(d.attention ? attentionBlocks(d.attention, o) : []),
    divider(),
    section(`*${t(locale, 'slack.home.complaints', { count: d.complaints.length })}*`),
    ...(d.complaints.length ? complaintRows(d.complaints, o) : [context(t(locale, 'slack.complaints.none'))]),
    ...(d.moreComplaints ? [context(t(locale, 'slack.home.more_complaints'))] : []),
    divider(),
    section(`*${t(locale, 'slack.home.tasks', { count: d.tasks.length })}*`),
    ...(d.tasks.length
      ? d.tasks.flatMap((task) => careTaskBlocks(task, locale, o.today) as Block[])
      : [context(t(locale, 'slack.tasks.none'))]),
    ...(d.moreTasks ? [context(t(locale, 'slack.home.more_tasks'))] : []),
  ];
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

function attentionBlocks(a: NonNullable<HomeData['attention']>, o: { locale: Locale; timeZone: string; now: Date }): Block[] {
  const { locale } = o;
  return [
    divider(),
    section(`*${t(locale, 'slack.home.attention', { count: a.complaints.length })}*`),
    ...(a.complaints.length ? complaintRows(a.complaints, o) : [context(t(locale, 'slack.home.attention_none'))]),
    ...(a.more ? [context(t(locale, 'slack.home.more_attention'))] : []),
  ];
}
