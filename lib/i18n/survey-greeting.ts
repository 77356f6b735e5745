import type { SurveyInvitation } from '../domain/survey';
import type { Locale } from './message-format';
import { tSurvey as t } from './survey-messages';

/**
 * 张先生，您好！ / Dear Ms Stone, — or 尊敬的客户，您好！ / Dear customer, when
 * no salutation is known: a bare name is not how a company addresses anyone.
 * Shared by the page and the e-mail.
 */
export function surveyGreeting(locale: Locale, inv: Pick<SurveyInvitation, 'surname' | 'salutation'>): string {
  return inv.surname && inv.salutation
    ? t(locale, 'survey.page.greeting', { surname: inv.surname, title: t(locale, `survey.salutation.${inv.salutation}`) })
    : t(locale, 'survey.page.greeting_anonymous');
}
