import type { FestivalId } from './calendar';
import type { CareAction } from './care-actions';
import type { Tier } from './customer';

/**
 * The care rules the domain applies (docs/domain.md, "Care"), as the domain needs them. lib/config/care.ts
 * holds the defaults, reads CARELOOP_CARE and must produce this shape (it fails to compile otherwise).
 */
export interface TierCareRules {
  /** a birthday task appears this many days early so a gift can be prepared */
  birthdayLeadDays: number;
  birthdayActions: CareAction[];
  holidayLeadDays: number;
  holidayActions: CareAction[];
  returnVisitEveryMonths: number;
  returnVisitActions: CareAction[];
  /** no interaction for this long → at risk, win-back task */
  dormancyDays: number;
}

export interface CareRules {
  tiers: Record<Tier, TierCareRules>;
  keyAccount: {
    birthdayLeadDays: number;
    birthdayActions: CareAction[];
    /** executive contact at least once a quarter */
    quarterlyContact: boolean;
    /** the quarter's contact task appears this many days before the quarter ends */
    quarterlyContactLeadDays: number;
    quarterlyContactActions: CareAction[];
  };
  /** the most a gift may cost, by kind of customer */
  giftCaps: { keyAccount: number; ordinary: number };
  /** the call (or visit) after a resolved complaint */
  complaintFollowUp: { afterDays: number; actions: CareAction[] };
  winBackActions: CareAction[];
  /** the festivals that get holiday tasks */
  festivals: FestivalId[];
}
