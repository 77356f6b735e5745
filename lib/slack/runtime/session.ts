import type { WebClient } from '@slack/web-api';
import type { Actor, Staff } from '../../domain/staff';
import type { Locale } from '../../i18n';
import type { AckContext } from '../../services/context';
import { resolveStaffActor } from '../../services/staff';

/** Who is clicking, as CareLoop sees them: their role, and the language and time zone to answer in. */
export interface Session {
  userId: string;
  actor: Actor & { staff?: Staff };
  locale: Locale;
  timeZone: string;
}

interface SlackProfile {
  locale?: Locale;
  timeZone?: string;
  name?: string;
  fetchedAt: number;
}

// users.info is a Slack round trip; a container asks once per user per profileCacheMinutes.
const profiles = new Map<string, SlackProfile>();

/** Slack's locale (e.g. zh-CN, zh-TW, en-US, ja-JP) to one CareLoop speaks; undefined when neither fits. */
export function localeFromSlack(slackLocale: string | undefined): Locale | undefined {
  if (!slackLocale) return undefined;
  if (/^zh/i.test(slackLocale)) return 'zh-CN';
  if (/^en/i.test(slackLocale)) return 'en';
  return undefined;
}

export async function slackProfile(ctx: AckContext, client: WebClient, userId: string, nowMs = Date.now()): Promise<SlackProfile> {
  const cached = profiles.get(userId);
  if (cached && nowMs - cached.fetchedAt < ctx.config.slackBot.profileCacheMinutes * 60_000) return cached;
  try {
    const res = await client.users.info({ user: userId, include_locale: true });
    const user = res.user as { locale?: string; tz?: string; real_name?: string; name?: string } | undefined;
    const profile: SlackProfile = {
      locale: localeFromSlack(user?.locale),
      timeZone: user?.tz,
      name: user?.real_name || user?.name,
      fetchedAt: nowMs,
    };
    profiles.set(userId, profile);
    return profile;
  } catch (error) {
    // Without users.info the company defaults still give a usable answer.
    ctx.logger.warn('users.info failed', { userId, error: error as Error });
    return { fetchedAt: nowMs };
  }
}

/** Staff record first, then Slack's profile, then the company defaults (docs/architecture.md, One Slack command). */
export async function loadSession(ctx: AckContext, client: WebClient, userId: string): Promise<Session> {
  const actor = await resolveStaffActor(ctx, userId);
  const staff = actor.staff;
  const needSlack = !staff?.locale || !staff.timeZone;
  const profile = needSlack ? await slackProfile(ctx, client, userId) : undefined;
  return {
    userId,
    actor,
    locale: staff?.locale ?? profile?.locale ?? ctx.config.company.defaultLocale,
    timeZone: staff?.timeZone ?? profile?.timeZone ?? ctx.config.company.timeZone,
  };
}

/** Tests and the chat REPL change users' Slack profiles between runs. */
export function forgetSlackProfiles(): void {
  profiles.clear();
}
