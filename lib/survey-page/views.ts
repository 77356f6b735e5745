import { fieldName, type LocalizedText, type SurveyInvitation, type SurveyLocale, type SurveyQuestion, scaleRange } from '../domain/survey';
import { surveyGreeting } from '../i18n/survey-greeting';
import { tSurvey as t } from '../i18n/survey-messages';
import { escapeHtml as esc, page } from './layout';

/**
 * The survey pages, server-rendered: the form, the thank-you page, the one
 * "unavailable" page and short notices. Everything a customer reads comes
 * from the message catalogue or the template's texts in their language.
 */
export interface PageContext {
  locale: SurveyLocale;
  company: string;
  token: string;
}

const other = (locale: SurveyLocale): SurveyLocale => (locale === 'en' ? 'zh-CN' : 'en');
/** Relative to /s/<token>, so the page works behind any path prefix or stage. */
const selfUrl = (p: PageContext, locale: SurveyLocale = p.locale) => `${encodeURIComponent(p.token)}?lang=${encodeURIComponent(locale)}`;
const localized = (text: LocalizedText | undefined, p: PageContext) =>
  text ? (text[p.locale] ?? text.en).replace(/\{company\}/g, p.company) : '';

function top(p: PageContext, withSwitch: boolean): string {
  const target = other(p.locale);
  const lang = withSwitch
    ? `<a class="lang" href="${esc(selfUrl(p, target))}" hreflang="${target}" lang="${target}" aria-label="${esc(t(p.locale, 'survey.page.language_label'))}">${esc(t(p.locale, 'survey.page.language'))}</a>`
    : '';
  return `<div class="top"><p class="company">${esc(p.company)}</p>${lang}</div>`;
}

export type FieldErrors = Record<string, 'required' | 'invalid' | 'too_long'>;

function questionHtml(q: SurveyQuestion, p: PageContext, value: string | undefined, error: FieldErrors[string] | undefined): string {
  const id = `q-${q.id}`;
  const name = fieldName(q.id);
  const optional = q.required ? '' : ` <span class="optional">${esc(t(p.locale, 'survey.page.optional'))}</span>`;
  const errorHtml = error
    ? `<p class="error" id="${id}-error">${esc(t(p.locale, 'survey.page.error_prefix'))}${esc(t(p.locale, `survey.page.error.${error}`))}</p>`
    : '';
  const required = q.required ? ' required' : '';
  if (q.type === 'nps' || q.type === 'csat' || q.type === 'ces' || q.type === 'scale') {
    const scale = q.type === 'scale' ? { min: q.min, max: q.max } : scaleRange[q.type];
    const low = localized(q.lowLabel, p);
    const high = localized(q.highLabel, p);
    const hint =
      low && high
        ? `<p class="hint" id="${id}-hint">${esc(t(p.locale, 'survey.page.scale_ends', { low: scale.min, high: scale.max, lowLabel: low, highLabel: high }))}</p>`
        : '';
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const options: string[] = [];
    for (let n = scale.min; n <= scale.max; n++) {
      const checked = value === String(n) ? ' checked' : '';
      options.push(`<label><input type="radio" name="${name}" value="${n}"${checked}${required}><span>${n}</span></label>`);
    }
    const ends = low && high ? `<div class="ends" aria-hidden="true"><span>${esc(low)}</span><span>${esc(high)}</span></div>` : '';
    return `<fieldset id="${id}"${describedBy ? ` aria-describedby="${describedBy}"` : ''}>
<legend>${esc(localized(q.text, p))}${optional}</legend>
${hint}${errorHtml}<div class="scale${options.length > 7 ? ' scale-wide' : ''}">${options.join('')}</div>${ends}
</fieldset>`;
  }
  if (q.type === 'single-choice') {
    const options = q.options
      .map((o, i) => {
        const checked = value === o.value ? ' checked' : '';
        return `<label class="choice" for="${id}-${i}"><input type="radio" id="${id}-${i}" name="${name}" value="${esc(o.value)}"${checked}${required}><span>${esc(localized(o.label, p))}</span></label>`;
      })
      .join('\n');
    return `<fieldset id="${id}"${error ? ` aria-describedby="${id}-error"` : ''}>
<legend>${esc(localized(q.text, p))}${optional}</legend>
${errorHtml}${options}
</fieldset>`;
  }
  if (q.type === 'text') {
    return `<div class="field" id="${id}">
<label class="question" for="${id}-input">${esc(localized(q.text, p))}${optional}</label>
${errorHtml}<textarea id="${id}-input" name="${name}" rows="4" maxlength="${q.maxLength}"${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}${required}>${esc(value ?? '')}</textarea>
</div>`;
  }
  return '';
}

function optOutForm(p: PageContext): string {
  return `<form class="optout" method="post" action="${esc(selfUrl(p))}">
<input type="hidden" name="action" value="opt-out">
<p>${esc(t(p.locale, 'survey.page.optout.hint'))} <button type="submit" class="linkish">${esc(t(p.locale, 'survey.page.optout.button'))}</button></p>
</form>`;
}

export function surveyFormPage(
  inv: SurveyInvitation,
  p: PageContext,
  state: { values?: Record<string, string>; errors?: FieldErrors } = {},
): string {
  const { values = {}, errors = {} } = state;
  const heading = inv.template.title ? localized(inv.template.title, p) : t(p.locale, 'survey.page.heading');
  const greeting = surveyGreeting(p.locale, inv);
  const failed = inv.template.questions.filter((q) => errors[q.id]);
  const summary = failed.length
    ? `<div class="errors" role="alert"><p class="error">${esc(t(p.locale, 'survey.page.error_summary'))}</p><ul>${failed
        .map((q) => `<li><a href="#q-${q.id}">${esc(localized(q.text, p))}</a></li>`)
        .join('')}</ul></div>`
    : '';
  const questions = inv.template.questions.map((q) => questionHtml(q, p, values[fieldName(q.id)], errors[q.id])).join('\n');
  const body = `${top(p, true)}
<h1>${esc(heading)}</h1>
<p>${esc(greeting)}</p>
<p>${esc(t(p.locale, 'survey.page.intro', { company: p.company }))}</p>
${summary}
<form method="post" action="${esc(selfUrl(p))}" accept-charset="utf-8">
<input type="hidden" name="action" value="answer">
${questions}
<button type="submit" class="submit">${esc(t(p.locale, 'survey.page.submit'))}</button>
</form>
${optOutForm(p)}`;
  return page(p.locale, t(p.locale, 'survey.page.title', { company: p.company }), body);
}

export function thanksPage(p: PageContext): string {
  const body = `${top(p, false)}
<div class="center">
<h1>${esc(t(p.locale, 'survey.page.thanks.title'))}</h1>
<p>${esc(t(p.locale, 'survey.page.thanks.body', { company: p.company }))}</p>
</div>
${optOutForm(p)}`;
  return page(p.locale, t(p.locale, 'survey.page.title', { company: p.company }), body);
}

/** A page with a title and one paragraph: unavailable, opted out, too many attempts, too large, failed. */
export function noticePage(
  locale: SurveyLocale,
  company: string,
  kind: 'unavailable' | 'optout.done' | 'rate_limited' | 'too_large' | 'bad_request' | 'failed',
): string {
  const title = t(locale, `survey.page.${kind}.title`);
  const body = `<div class="top"><p class="company">${esc(company)}</p></div>
<div class="center">
<h1>${esc(title)}</h1>
<p>${esc(t(locale, `survey.page.${kind}.body`, { company }))}</p>
</div>`;
  return page(locale, `${title} · ${company}`, body);
}
