/**
 * Names of the pre-aggregated daily counters (lib/store/counters.ts). Every
 * feature ADDs these in the same transaction as the event they count, and the
 * digests sum them per day, so a digest's cost follows days, not records.
 * Per-owner figures use the `owner.<slackUserId>.` prefix on the same names.
 */
export const metric = {
  customerCreated: 'customers.created',
  customerAtRisk: 'customers.at_risk',
  customerChurned: 'customers.churned',
  customerWonBack: 'customers.won_back',

  complaintOpened: (severity: string, category: string) => [
    'complaints.opened',
    `complaints.opened.sev.${severity}`,
    `complaints.opened.cat.${category}`,
  ],
  complaintResolved: 'complaints.resolved',
  complaintClosed: 'complaints.closed',
  complaintReopened: 'complaints.reopened',
  complaintCancelled: 'complaints.cancelled',
  complaintEscalated: 'complaints.escalated',
  complaintWarned: 'complaints.warned',
  /** counted when a complaint resolves: did it meet both SLA targets? */
  complaintSlaDue: 'complaints.sla.due',
  complaintSlaMet: 'complaints.sla.met',
  complaintRootCause: (cause: string) => `complaints.root_cause.${cause}`,
  /** minutes to first response / resolution, as histogram buckets (median from buckets) */
  firstResponseBucket: (minutes: number) => `complaints.first_response.le_${bucketOf(minutes)}`,
  resolutionBucket: (minutes: number) => `complaints.resolution.le_${bucketOf(minutes)}`,

  careTaskCreated: (kind: string) => ['care.tasks.created', `care.tasks.created.${kind}`],
  careTaskDone: (kind: string) => ['care.tasks.done', `care.tasks.done.${kind}`],
  careTaskSkipped: 'care.tasks.skipped',
  returnVisitDue: 'care.return_visits.due',
  returnVisitDone: 'care.return_visits.done',
  keyAccountContacted: 'care.key_accounts.contacted',

  surveySent: (trigger: string) => ['surveys.sent', `surveys.sent.${trigger}`],
  surveyAnswered: (trigger: string) => ['surveys.answered', `surveys.answered.${trigger}`],
  npsAnswer: (score: number) => [
    'surveys.nps.answers',
    score >= 9 ? 'surveys.nps.promoters' : score >= 7 ? 'surveys.nps.passives' : 'surveys.nps.detractors',
  ],
  csatAnswer: (score: number) => ['surveys.csat.answers', ...(score >= 4 ? ['surveys.csat.satisfied'] : [])],
  cesAnswer: 'surveys.ces.answers',
  /** ADD the score itself (increments([...], owner, score)), so the average is sum ÷ answers */
  cesScoreSum: 'surveys.ces.sum',

  /**
   * The digest job's daily snapshot (lib/services/digest-snapshot.ts): states the
   * event counters cannot sum, written once (do-once claim) on the counter item of
   * a day that has ended. Not per owner; `snapshot.taken` = 1 marks that it exists.
   */
  snapshotTaken: 'snapshot.taken',
  snapshotComplaintsOpen: 'snapshot.complaints.open',
  snapshotComplaintsOverdue: 'snapshot.complaints.overdue',
  snapshotCareTasksOverdue: 'snapshot.care.tasks.overdue',
  snapshotCustomerBase: 'snapshot.customers.base',
  snapshotKeyAccountsQuarter: 'snapshot.care.key_accounts.contacted_qtd',
} as const;

/** Upper bounds (minutes) of the duration histogram: 15 min … 30 days, then overflow. */
export const durationBuckets = [15, 30, 60, 120, 240, 480, 1440, 2880, 4320, 10080, 20160, 43200] as const;

export function bucketOf(minutes: number): string {
  const b = durationBuckets.find((upper) => minutes <= upper);
  return b === undefined ? 'inf' : String(b);
}

/**
 * The prefix of an owner's copy of the metrics. Metric names are split on dots, so
 * an owner id's own dots (and the escape character) are percent-encoded: a
 * Slack id is unchanged, `a.b` is kept whole instead of reported as `a`.
 */
export const ownerMetricPrefix = (ownerId: string): string => `owner.${ownerId.replace(/[%.]/g, (c) => (c === '%' ? '%25' : '%2E'))}.`;
/** The owner id encoded by ownerMetricPrefix. */
export const ownerIdOfMetricSegment = (segment: string): string => segment.replace(/%2E/g, '.').replace(/%25/g, '%');

/** Turns a list of metric names into the increments map counters expect, with an optional owner copy. */
export function increments(names: Array<string | readonly string[]>, ownerId?: string, by = 1): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names.flat()) {
    out[name] = (out[name] ?? 0) + by;
    if (ownerId) {
      const key = `${ownerMetricPrefix(ownerId)}${name}`;
      out[key] = (out[key] ?? 0) + by;
    }
  }
  return out;
}
