import type { Customer } from '../domain/customer';
import type { Breakdowns, Change, DayPoint, FigureKey, Figures, OwnerRow } from '../domain/digest';
import type { DigestFrequency, Period } from '../domain/digest-period';

/**
 * A digest's content as data (types only): what lib/services/digest.ts computes and
 * every channel renders. Kept apart so notices and adapters read it without the use case.
 */
export interface AtRiskKeyAccounts {
  items: Array<Pick<Customer, 'id' | 'name' | 'ownerId' | 'tier'>>;
  total: number;
  capped: boolean;
}

export interface DetractorRow {
  customerId: string;
  customerName: string;
  score: number;
  answeredAt: string;
  ownerId?: string;
  comment?: string;
}

export interface OverdueRow {
  id: string;
  customerId: string;
  customerName: string;
  severity: string;
  category: string;
  assigneeId: string;
  deadlineAt?: string;
}

export interface DigestLists {
  overdueComplaints: OverdueRow[];
  /** null: no survey source installed (the count is in the figures) */
  detractors: DetractorRow[] | null;
  atRiskKeyAccounts: AtRiskKeyAccounts;
}

export interface DigestContent {
  kind: DigestFrequency;
  period: Period;
  /** the comparison: the previous period, or its first days for a period so far */
  previous: Period;
  /** a preview of the period so far */
  partial: boolean;
  figures: Figures;
  previousFigures: Figures;
  changes: Record<FigureKey, Change>;
  breakdowns: Breakdowns;
  owners: OwnerRow[];
  lists?: DigestLists;
  series: DayPoint[];
  /** a live read stopped at its cap: open/overdue counts are lower bounds */
  liveCapped: boolean;
  generatedAt: string;
}
