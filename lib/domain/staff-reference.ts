import type { Staff } from './staff';

/**
 * A staff member named in a file or a request: by Slack user id, by e-mail or
 * by name. It must name exactly one person in the directory; otherwise the
 * reason says why (nobody, or several people of that name).
 */
export type StaffMatch = { staff: Staff } | { reason: string };

export interface StaffDirectory {
  resolve(ref: string): StaffMatch;
}

const fold = (s: string) => s.trim().normalize('NFKC').toLowerCase();

export function staffDirectory(members: Staff[]): StaffDirectory {
  const byId = new Map(members.map((m) => [m.slackUserId, m]));
  const byEmail = new Map<string, Staff[]>();
  const byName = new Map<string, Staff[]>();
  for (const m of members) {
    if (m.email) byEmail.set(fold(m.email), [...(byEmail.get(fold(m.email)) ?? []), m]);
    byName.set(fold(m.name), [...(byName.get(fold(m.name)) ?? []), m]);
  }
  return {
    resolve(ref) {
      const wanted = ref.trim();
      const exact = byId.get(wanted);
      if (exact) return { staff: exact };
      const found = (wanted.includes('@') ? byEmail : byName).get(fold(wanted)) ?? [];
      if (found.length === 1) return { staff: found[0]! };
      if (found.length > 1) {
        return {
          reason: `"${wanted}" names ${found.length} staff members (${found.map((f) => f.slackUserId).join(', ')}); use the Slack user id`,
        };
      }
      return { reason: `"${wanted}" is not in the staff directory (give a Slack user id, e-mail or name of a staff member)` };
    },
  };
}
