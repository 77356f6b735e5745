import { describe, expect, it } from 'vitest';
import { futureBirthdayIssues } from '../../lib/domain/customer';

describe('futureBirthdayIssues', () => {
  const today = '2026-12-06';
  it('accepts today, past dates and birthdays without a year', () => {
    expect(futureBirthdayIssues({ birthday: { year: 2026, month: 12, day: 6 } }, today)).toEqual([]);
    expect(futureBirthdayIssues({ birthday: { year: 1980, month: 12, day: 31 } }, today)).toEqual([]);
    expect(futureBirthdayIssues({ birthday: { month: 12, day: 31 }, lunarBirthday: {} }, today)).toEqual([]);
    expect(futureBirthdayIssues({ lunarBirthday: { year: 2026 } }, today)).toEqual([]);
  });
  it('names a solar date after today and a lunar year after this year', () => {
    expect(futureBirthdayIssues({ birthday: { year: 2026, month: 12, day: 7 } }, today).map((i) => i.path)).toEqual(['birthday']);
    expect(futureBirthdayIssues({ lunarBirthday: { year: 2027 } }, today).map((i) => i.path)).toEqual(['lunarBirthday.year']);
  });
});
