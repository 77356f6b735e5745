import type { SlaRules } from '../../lib/domain/complaint-sla';

/** The default SLA targets with the business calendar off (clock time) or on (Mon–Fri 09:00–18:00, Asia/Shanghai). */
export const slaRules = (businessHours = false): SlaRules => ({
  calendar: {
    enabled: businessHours,
    timeZone: 'Asia/Shanghai',
    start: '09:00',
    end: '18:00',
    weekdays: [1, 2, 3, 4, 5],
    holidays: [],
    workingDays: [],
  },
  targets: {
    critical: { firstResponse: '1h', resolution: '24h' },
    major: { firstResponse: '4h', resolution: '3d' },
    ordinary: { firstResponse: '24h', resolution: '7d' },
  },
  warnAt: 0.8,
  managersAfterBreach: 0.5,
});
