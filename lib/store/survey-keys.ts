import type { Key } from './item';

/**
 * Survey keys (see README.md). An invitation and its response share the
 * partition SURVEY_INV#<id>; a link is found only through the SHA-256 of its
 * token (SURVEY_TOKEN#<hash>, TTL), never the token itself. Responses sit in a
 * month-partitioned time index so results read a date range with Query. The keys and helpers the survey repositories share.
 */
export const templateKey = (id: string): Key => ({ pk: `SURVEY_TPL#${id}`, sk: 'TEMPLATE' });
export const invitationKey = (id: string): Key => ({ pk: `SURVEY_INV#${id}`, sk: 'INVITATION' });
export const responseKey = (id: string): Key => ({ pk: `SURVEY_INV#${id}`, sk: 'RESPONSE' });
export const tokenKey = (hash: string): Key => ({ pk: `SURVEY_TOKEN#${hash}`, sk: 'TOKEN' });
export const campaignPk = (id: string) => `SURVEY_CAMPAIGN#${id}`;
export const campaignKey = (id: string): Key => ({ pk: campaignPk(id), sk: 'CAMPAIGN' });
/** Customers whose invitation failed, in a partition of their own so the counts Query never reads them. */
export const campaignRetryKey = (id: string, customerId: string): Key => ({ pk: `SURVEY_CAMPAIGN_RETRY#${id}`, sk: `CUST#${customerId}` });
export const rateKey = (scope: string, subject: string, window: number): Key => ({ pk: `RATE#${scope}#${subject}#${window}`, sk: 'RATE' });

/** UTC month of an ISO instant: the partition of the response time index. */
export const monthOf = (iso: string) => iso.slice(0, 7);
export const RESPONSES_BY_MONTH = (month: string) => `SURVEY_RESP#${month}`;
export const DETRACTORS_BY_MONTH = (month: string) => `SURVEY_DETRACTOR#${month}`;

/** Months (YYYY-MM) from the one holding `from` to the one holding `to`, oldest first. */
export function monthsBetween(fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  let [y, m] = fromIso.slice(0, 7).split('-').map(Number) as [number, number];
  const last = toIso.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

export const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
export const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** Campaign counts are `n_<field>` attributes ADDed on the campaign item and on a few shards. */
export const COUNT_SHARDS = 4;
export const COUNT_PREFIX = 'n_';
