import * as z from 'zod';
import { digestSubscriptions } from '../domain/digest-period';

/**
 * Manager digests (docs/domain.md, Digests and metrics). Overridable as a whole or in part with the
 * JSON env var CARELOOP_DIGEST, e.g. `{"defaultFrequency":"daily","sendHour":8}`.
 * lib/schedules.ts runs the `digest` job hourly (UTC) so each manager gets it at
 * `sendHour` in their own time zone.
 */
export const digestSettings = z.object({
  /** what managers and admins get until they choose (`/crm digest subscribe …`) */
  defaultFrequency: z.enum(digestSubscriptions).default('weekly'),
  /** local hour from which a due digest is sent; later hours of the same day only retry a failed send */
  sendHour: z.number().int().min(0).max(23).default(9),
  /** ISO weekday of the weekly digest (1 = Monday); the week reported is always Monday–Sunday */
  weekday: z.number().int().min(1).max(7).default(1),
  /** rows of each list: latest-overdue complaints, detractors, at-risk key accounts */
  listSize: z.number().int().min(1).max(10).default(10),
  /** rows of the per-owner table (busiest first) */
  ownerRows: z.number().int().min(1).max(50).default(15),
  /** recurring root causes shown */
  rootCauses: z.number().int().min(1).max(10).default(5),
  /** how long "this manager's digest for this period was sent" is remembered (longer than a month) */
  claimTtlDays: z.number().int().min(32).max(400).default(45),
  /** active complaints / overdue tasks read for the live figures (sparse indexes); beyond this the figures are lower bounds */
  liveReadMax: z.number().int().min(100).max(1_000_000).default(20_000),
  /** at-risk customers read to find the key accounts among them */
  atRiskReadMax: z.number().int().min(10).max(100_000).default(2_000),
  /** customers counted once to start the customer-base chain of the snapshot (retention); above this retention shows "—" */
  baseSeedMaxCustomers: z.number().int().min(0).max(10_000_000).default(500_000),
  /** a period end this many days back at most is still derived from the live counts when its snapshot is missing */
  deriveOpenMaxDays: z.number().int().min(0).max(62).default(7),
  chart: z
    .object({
      enabled: z.boolean().default(true),
      width: z.number().int().min(320).max(2000).default(880),
      height: z.number().int().min(240).max(1600).default(460),
      /** extra TTF/OTF files for the chart; the chart font shipped in lib/chart/fonts/ already covers every label */
      fontFiles: z.array(z.string()).default([]),
    })
    .prefault({}),
});

export type DigestSettings = z.output<typeof digestSettings>;
