import { describe, expect, it } from 'vitest';
import { careSettings } from '../../lib/config/care';
import { plusDays } from '../../lib/domain/calendar';
import {
  assertMayAct,
  type CareSubject,
  type CareTask,
  careProfileOf,
  careSchedule,
  careTaskId,
  careTasksDue,
  completedTask,
  newTask,
  skippedTask,
  snoozedTask,
  winBackTask,
} from '../../lib/domain/care';
import { ConflictError, ForbiddenError } from '../../lib/domain/errors';

const rules = careSettings.parse({});
const TZ = 'Asia/Shanghai';

type C = CareSubject['customer'];
let seq = 0;
function customer(over: Partial<C> = {}): C {
  return {
    id: `cus_${++seq}`,
    name: '张三',
    ownerId: 'U1',
    tier: 'C',
    flags: { keyAccount: false, vip: false, problem: false },
    lifecycleStage: 'active',
    consent: { contact: true, surveys: true, thirdPartySharing: false },
    createdAt: '2024-12-01T02:00:00.000Z',
    lastInteractionAt: '2025-01-05T02:00:00.000Z',
    ...over,
  };
}
const due = (c: C, day: string, contacts: CareSubject['contacts'] = []) => careTasksDue({ customer: c, contacts }, day, rules, TZ);
const kinds = (c: C, day: string) => due(c, day).map((t) => t.kind);

describe('care rules: birthdays', () => {
  it('greets an ordinary customer on the day with the tier action', () => {
    const [task] = due(customer({ tier: 'C', birthday: { month: 1, day: 10 } }), '2025-01-10');
    expect(task).toMatchObject({ kind: 'birthday', dueDate: '2025-01-10', suggestedActions: ['sms'], assigneeId: 'U1' });
    expect(task!.giftCap).toBeUndefined();
  });

  it('reminds three days ahead for tier A so a gift (≤ 100) can be prepared', () => {
    const c = customer({ tier: 'A', birthday: { month: 1, day: 13 } });
    expect(due(c, '2025-01-13')).toEqual([]);
    const [task] = due(c, '2025-01-10');
    expect(task).toMatchObject({ kind: 'birthday', dueDate: '2025-01-13', suggestedActions: ['gift', 'card'], giftCap: 100 });
  });

  it('gives key accounts the larger gift cap (≤ 500) whatever their tier', () => {
    const [task] = due(
      customer({ tier: 'C', flags: { keyAccount: true, vip: false, problem: false }, birthday: { month: 1, day: 13 } }),
      '2025-01-10',
    );
    expect(task).toMatchObject({ giftCap: 500, dueDate: '2025-01-13' });
  });

  it('finds lunar birthdays on their solar date of the year', () => {
    const [task] = due(customer({ lunarBirthday: { month: 8, day: 15, leap: false } }), '2025-10-06');
    expect(task).toMatchObject({ kind: 'birthday', details: { lunar: true } });
  });

  it('greets contact persons of an organization', () => {
    const tasks = due(customer({ kind: 'organization' } as Partial<C>), '2025-03-08', [
      { id: 'con_1', name: '李经理', birthday: { month: 3, day: 8 } },
    ]);
    expect(tasks.filter((t) => t.kind === 'birthday')).toEqual([expect.objectContaining({ contactId: 'con_1', contactName: '李经理' })]);
  });

  it('keeps Feb 29 birthdays on Feb 28 in common years', () => {
    expect(kinds(customer({ birthday: { month: 2, day: 29 } }), '2025-02-28')).toContain('birthday');
  });
});

describe('care rules: holidays by tier', () => {
  it('A: gift and visit, three days before the festival', () => {
    const tasks = due(customer({ tier: 'A' }), '2025-10-03').filter((t) => t.kind === 'holiday');
    expect(tasks).toEqual([
      expect.objectContaining({
        dueDate: '2025-10-06',
        suggestedActions: ['gift', 'visit'],
        giftCap: 100,
        details: { festival: 'mid-autumn' },
      }),
    ]);
  });

  it('B: a holiday gift; C: card or SMS on the day', () => {
    expect(due(customer({ tier: 'B' }), '2025-10-03').find((t) => t.kind === 'holiday')?.suggestedActions).toEqual(['gift']);
    expect(due(customer({ tier: 'C' }), '2025-10-06').find((t) => t.kind === 'holiday')?.suggestedActions).toEqual(['card', 'sms']);
  });

  it('ignores festivals that are not active', () => {
    const only = careSettings.parse({ festivals: ['spring-festival'] });
    expect(careTasksDue({ customer: customer({ tier: 'C' }) }, '2025-10-06', only, TZ).filter((t) => t.kind === 'holiday')).toEqual([]);
  });
});

describe('care rules: return visits, key accounts, dormancy', () => {
  it('asks for a return visit once the tier cadence has passed since the last contact', () => {
    const a = customer({ tier: 'A', lastInteractionAt: '2025-01-05T02:00:00.000Z' });
    expect(kinds(a, '2025-02-04')).not.toContain('return-visit');
    expect(due(a, '2025-02-05').find((t) => t.kind === 'return-visit')).toMatchObject({
      dueDate: '2025-02-05',
      suggestedActions: ['visit'],
    });
    expect(kinds(customer({ tier: 'B', lastInteractionAt: '2025-01-05T02:00:00.000Z' }), '2025-03-05')).not.toContain('return-visit');
    expect(kinds(customer({ tier: 'B', lastInteractionAt: '2025-01-05T02:00:00.000Z' }), '2025-04-05')).toContain('return-visit');
  });

  it('asks for the quarterly executive contact of a key account in the last 30 days of the quarter', () => {
    const key = customer({ flags: { keyAccount: true, vip: false, problem: false } });
    expect(kinds(key, '2025-02-28')).not.toContain('key-account-contact');
    expect(due(key, '2025-03-01').find((t) => t.kind === 'key-account-contact')).toMatchObject({ dueDate: '2025-03-31' });
  });

  it('warns when a customer has been quiet past the tier window (A 45, B 90, C 180 days)', () => {
    const last = '2025-01-01T02:00:00.000Z';
    expect(kinds(customer({ tier: 'A', lastInteractionAt: last }), '2025-02-14')).not.toContain('win-back');
    expect(due(customer({ tier: 'A', lastInteractionAt: last }), '2025-02-15').find((t) => t.kind === 'win-back')).toMatchObject({
      details: { signal: 'dormant' },
    });
    expect(kinds(customer({ tier: 'B', lastInteractionAt: last }), '2025-04-01')).toContain('win-back');
    expect(kinds(customer({ tier: 'C', lastInteractionAt: last }), '2025-06-29')).not.toContain('win-back');
    expect(kinds(customer({ tier: 'C', lastInteractionAt: last }), '2025-06-30')).toContain('win-back');
  });

  it('gives no automatic care to prospects, churned customers or those who refused contact', () => {
    const birthday = { month: 1, day: 10 };
    expect(due(customer({ lifecycleStage: 'prospect', birthday }), '2025-01-10')).toEqual([]);
    expect(due(customer({ lifecycleStage: 'churned', birthday }), '2025-01-10')).toEqual([]);
    expect(due(customer({ consent: { contact: false, surveys: true, thirdPartySharing: false }, birthday }), '2025-01-10')).toEqual([]);
  });

  it('does not raise dormancy again for a customer already at risk', () => {
    expect(
      kinds(customer({ tier: 'A', lifecycleStage: 'at-risk', lastInteractionAt: '2024-01-01T00:00:00Z' }), '2025-02-15'),
    ).not.toContain('win-back');
  });
});

describe('care task ids', () => {
  it('are the same for the same occasion and differ otherwise', () => {
    const c = customer({ birthday: { month: 1, day: 10 } });
    expect(due(c, '2025-01-10')[0]!.id).toBe(due(c, '2025-01-10')[0]!.id);
    expect(careTaskId(['birthday', c.id, 'self', '2025-01-10'])).not.toBe(careTaskId(['birthday', c.id, 'self', '2026-01-10']));
    expect(careTaskId(['x'])).toMatch(/^ctk_[0-9a-z]{24}$/);
  });

  it('make one win-back task per customer per day whatever the signal', () => {
    const p = careProfileOf(customer() as never);
    expect(winBackTask(p, '2025-01-10', 'complaint', rules).id).toBe(winBackTask(p, '2025-01-10', 'detractor', rules).id);
    expect(winBackTask(p, '2025-01-10', 'complaint', rules).id).not.toBe(winBackTask(p, '2025-01-11', 'complaint', rules).id);
  });
});

describe('care schedule', () => {
  it('stores due dates as they fall, past ones included (the sweep reads everything due on or before its day)', () => {
    const c = customer({ tier: 'A', lastInteractionAt: '2024-01-01T00:00:00Z' });
    const plan = careSchedule(c, '2025-01-10', rules, TZ);
    expect(plan.visit?.due).toBe(`2024-${String(1 + rules.tiers.A.returnVisitEveryMonths).padStart(2, '0')}-01`);
    expect(plan.dormancy?.due).toBe(plusDays('2024-01-01', rules.tiers.A.dormancyDays));
  });

  it('marks a birthday already inside its lead window for catch-up, and none outside it', () => {
    const lead = rules.tiers.A.birthdayLeadDays;
    const inside = careSchedule(customer({ tier: 'A', birthday: { month: 1, day: 11 } }), '2025-01-10', rules, TZ);
    expect(inside.birthdays[0]?.soon).toEqual({ date: '2025-01-11', since: '2025-01-10' });
    const outside = careSchedule(customer({ tier: 'A', birthday: { month: 2, day: 20 } }), '2025-01-10', rules, TZ);
    expect(outside.birthdays[0]?.soon).toBeUndefined();
    const edge = plusDays('2025-01-10', lead);
    const atLead = careSchedule(
      customer({ tier: 'A', birthday: { month: Number(edge.slice(5, 7)), day: Number(edge.slice(8)) } }),
      '2025-01-10',
      rules,
      TZ,
    );
    expect(atLead.birthdays[0]?.soon?.date).toBe(edge);
  });

  it('replaces the stored visit date only when the tier changed', () => {
    const c = customer({ tier: 'A' });
    expect(careSchedule(c, '2025-01-10', rules, TZ, { tier: 'A', flags: c.flags }).visit?.force).toBe(false);
    expect(careSchedule(c, '2025-01-10', rules, TZ, { tier: 'C', flags: c.flags }).visit?.force).toBe(true);
  });

  it('stores the next two solar dates of a lunar birthday', () => {
    const plan = careSchedule(customer({ lunarBirthday: { month: 12, day: 11, leap: false } }), '2025-01-11', rules, TZ);
    expect(plan.birthdays[0]!.lunar!.map((l) => [l.slot, l.date])).toEqual([
      [1, '2026-01-29'],
      [0, '2027-01-18'],
    ]);
  });

  it('holds nothing for a customer who gets no care', () => {
    expect(careSchedule(customer({ lifecycleStage: 'churned', birthday: { month: 1, day: 1 } }), '2025-01-10', rules, TZ)).toEqual({
      profile: expect.anything(),
      birthdays: [],
    });
  });
});

describe('care task state', () => {
  const task = (): CareTask =>
    newTask(due(customer({ birthday: { month: 1, day: 10 } }), '2025-01-10')[0]!, '2025-01-10T00:00:00Z', 'system', '2025-01-10');
  const now = new Date('2025-01-10T03:00:00Z');

  it('done closes the task with the note and leaves the daily index', () => {
    const done = completedTask(task(), 'U1', '送了贺卡', now);
    expect(done).toMatchObject({ status: 'done', outcomeNote: '送了贺卡', closedBy: 'U1', version: 2 });
    expect(done.remindOn).toBeUndefined();
  });

  it('a closed task cannot be closed again', () => {
    const done = completedTask(task(), 'U1', undefined, now);
    expect(() => completedTask(done, 'U1', undefined, now)).toThrow(ConflictError);
    expect(() => skippedTask(done, 'U1', undefined, now)).toThrow(ConflictError);
  });

  it('snooze moves the due day and keeps the first one', () => {
    const snoozed = snoozedTask(task(), 'U1', 7, '2025-01-10', now);
    expect(snoozed).toMatchObject({ status: 'snoozed', dueDate: '2025-01-17', remindOn: '2025-01-17', originalDueDate: '2025-01-10' });
    expect(snoozedTask(snoozed, 'U1', 1, '2025-01-17', now).originalDueDate).toBe('2025-01-10');
  });

  it('only the assignee or a supervisor may act on a task', () => {
    expect(() => assertMayAct({ id: 'U2', kind: 'staff', role: 'agent' }, task())).toThrow(ForbiddenError);
    expect(() => assertMayAct({ id: 'U1', kind: 'staff', role: 'agent' }, task())).not.toThrow();
    expect(() => assertMayAct({ id: 'U9', kind: 'staff', role: 'supervisor' }, task())).not.toThrow();
  });
});
