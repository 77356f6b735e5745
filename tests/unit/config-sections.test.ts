import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';

const base = { DYNAMODB_ENDPOINT: 'http://localhost:1' };

describe('settings sections', () => {
  it('stops start-up on an unknown key, naming it and its path', () => {
    const env = { ...base, CARELOOP_CARE: JSON.stringify({ tiers: { B: { returnVisitEveryMonth: 2 } } }) };
    expect(() => loadConfig(env)).toThrow(
      /CARELOOP_CARE is invalid:\n✖ Unknown key "tiers\.B\.returnVisitEveryMonth" \(known here: .*returnVisitEveryMonths/,
    );
  });

  it('names every unknown key, at any depth and in every section', () => {
    const cases: Array<[string, unknown, string]> = [
      [
        'CARELOOP_CUSTOMERS',
        { tiers: { A: { minAmount: 1, minCount: 1, minAmout: 2 }, B: { minAmount: 0, minCount: 0 } } },
        'tiers.A.minAmout',
      ],
      ['CARELOOP_COMPLAINTS', { sla: { majr: { firstResponse: '2h' } } }, 'sla.majr'],
      ['CARELOOP_COMPLAINTS', { businessHours: { enabled: true, holiday: ['2025-10-01'] } }, 'businessHours.holiday'],
      ['CARELOOP_SLACK', { ask: { recentDay: 7 } }, 'ask.recentDay'],
      ['CARELOOP_DIGEST', { chart: { fontFile: ['a.ttf'] } }, 'chart.fontFile'],
      ['CARELOOP_SURVEYS', { lowscore: { nps: 5 } }, 'lowscore'],
    ];
    for (const [name, value, path] of cases) {
      expect(() => loadConfig({ ...base, [name]: JSON.stringify(value) }), name).toThrow(
        `Configuration ${name} is invalid:\n✖ Unknown key "${path}"`,
      );
    }
    const two = { ...base, CARELOOP_CARE: JSON.stringify({ festival: [], tiers: { A: { dormancy: 30 } } }) };
    expect(() => loadConfig(two)).toThrow(/Unknown key "festival".*\n✖ Unknown key "tiers\.A\.dormancy"/);
  });

  it('accepts every known key, overrides in part and keeps the other defaults', () => {
    const config = loadConfig({
      ...base,
      CARELOOP_CARE: JSON.stringify({ tiers: { B: { returnVisitEveryMonths: 2 } }, festivals: ['spring-festival', 'mid-autumn'] }),
      CARELOOP_COMPLAINTS: JSON.stringify({
        sla: { major: { firstResponse: '2h' } },
        businessHours: { enabled: true, holidays: ['2025-10-01'] },
      }),
    });
    expect(config.care.tiers.B.returnVisitEveryMonths).toBe(2);
    expect(config.care.tiers.B.dormancyDays).toBe(90);
    expect(config.care.festivals).toEqual(['spring-festival', 'mid-autumn']);
    expect(config.complaints.sla.major).toEqual({ firstResponse: '2h', resolution: '3d' });
    expect(config.complaints.businessHours.holidays).toEqual(['2025-10-01']);
  });

  it('still reports unreadable JSON and wrong values as before', () => {
    expect(() => loadConfig({ ...base, CARELOOP_CARE: '{tiers:' })).toThrow('Configuration CARELOOP_CARE is not valid JSON');
    expect(() => loadConfig({ ...base, CARELOOP_CARE: JSON.stringify({ tiers: { B: { returnVisitEveryMonths: 0 } } }) })).toThrow(
      /CARELOOP_CARE is invalid:[\s\S]*tiers\.B\.returnVisitEveryMonths/,
    );
  });
});
