import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../lib/i18n';
import { refusalOf } from '../../lib/local/slack-limits';
import { plainTextOf } from '../../lib/notify/plain-text';
import type { NoticeKind } from '../../lib/services/notices';
import { slackMessageOf } from '../../lib/slack/notices/slack-message';
import { slackNotices } from '../../lib/slack/notices/slack-notices';
import type { ChannelPost } from '../../lib/store/channel-posts';
import { slackRecorder } from '../support/notice-recorder';
import { sampleNotices } from '../support/notice-samples';

/**
 * Every notice kind reads in both languages through both renderers: Block Kit
 * that Slack's strict twin accepts, and plain text with no Slack markup left.
 */
const locales: Locale[] = ['zh-CN', 'en'];
const kinds = Object.keys(sampleNotices('en')) as NoticeKind[];
const unfilled = /\{[a-zA-Z_]+\}/;

describe('every notice kind through the Slack adapter', () => {
  it.each(kinds)('%s: a message Slack accepts, in each language', (kind) => {
    const rendered = locales.map((locale) => slackMessageOf(sampleNotices(locale)[kind]));
    for (const m of rendered) {
      expect(refusalOf('chat.postMessage', { channel: 'C0TEAM', text: m.text, blocks: m.blocks })).toBeUndefined();
      expect(m.text.trim()).not.toBe('');
      // Slack's own date tokens (<!date^…^{date_short_pretty}|…>) are the only braces allowed
      expect(JSON.stringify(m).replace(/<!date[^>]*>/g, '')).not.toMatch(unfilled);
    }
    expect(rendered[0]!.text).not.toBe(rendered[1]!.text);
  });
});

describe('every notice kind as plain text (outbox, e-mail)', () => {
  it.each(kinds)('%s: a subject and a body without Slack markup, in each language', (kind) => {
    const rendered = locales.map((locale) => plainTextOf(sampleNotices(locale)[kind]));
    for (const p of rendered) {
      expect(p.subject.trim()).not.toBe('');
      expect(p.text.trim()).not.toBe('');
      expect(`${p.subject}\n${p.text}`).not.toMatch(/<@|<!date|<https?:|\{[a-zA-Z_]+\}/);
    }
    expect(rendered[0]!.subject).not.toBe(rendered[1]!.subject);
    expect(rendered[0]!.text).not.toBe(rendered[1]!.text);
  });

  it('masks contact details in a complaint, as the channel post does', () => {
    const text = plainTextOf(sampleNotices('en')['complaint-posted']).text;
    expect(text).not.toContain('13800138000');
    expect(text).toContain('138****8000');
  });
});

/** store.channelPosts' contract, in memory: the first post of a subject wins. */
function memoryPosts() {
  const posts = new Map<string, ChannelPost>();
  return {
    posts,
    get: async (subject: string, channel: string) => posts.get(`${subject}|${channel}`),
    remember: async (post: ChannelPost) => {
      const key = `${post.subject}|${post.channel}`;
      if (posts.has(key)) return false;
      posts.set(key, post);
      return true;
    },
  };
}

describe('the Slack adapter', () => {
  const logger = new Logger({ logLevel: 'ERROR' });
  const chart = { width: 640, height: 360, fontFiles: [] };

  it('posts the complaint once, remembers where, and edits that message on a change', async () => {
    const recorder = slackRecorder();
    const posts = memoryPosts();
    const slack = slackNotices(recorder, { posts, logger, chart });
    const notices = sampleNotices('zh-CN');
    await slack.send({ channel: 'C0TEAM' }, notices['complaint-changed']); // nothing posted yet: nothing to edit
    expect(recorder.sent).toEqual([]);
    await slack.send({ channel: 'C0TEAM' }, notices['complaint-posted']);
    await slack.send({ channel: 'C0TEAM' }, notices['complaint-changed']);
    const [post, update] = recorder.sent;
    expect(post).toMatchObject({ kind: 'post', channel: 'C0TEAM' });
    expect(update).toMatchObject({ kind: 'update', channel: 'C0TEAM', ts: post!.ts });
    expect([...posts.posts.values()]).toEqual([
      expect.objectContaining({ subject: 'complaint#cmp_sample', channel: 'C0TEAM', ts: post!.ts }),
    ]);
  });

  it('edits a complaint posted before the adapter kept its own record, from the field the old record carries', async () => {
    const recorder = slackRecorder();
    const slack = slackNotices(recorder, { posts: memoryPosts(), logger, chart });
    const notice = sampleNotices('en')['complaint-changed'];
    const legacy = { ...notice, complaint: { ...notice.complaint, slackMessage: { channel: 'C0OLD', ts: '1700000000.000100' } } };
    await slack.send({ channel: 'C0TEAM' }, legacy);
    expect(recorder.sent).toEqual([expect.objectContaining({ kind: 'update', channel: 'C0OLD', ts: '1700000000.000100' })]);
  });

  it('follows the manager digest with its chart as a PNG, and a DM goes to the user id', async () => {
    const recorder = slackRecorder();
    const uploads: Buffer[] = [];
    const slack = slackNotices(
      {
        ...recorder,
        upload: async (channel, file) => {
          uploads.push(file.data);
          return recorder.upload(channel, file);
        },
      },
      { posts: memoryPosts(), logger, chart },
    );
    await slack.send({ staff: 'U0MGR' }, sampleNotices('zh-CN')['manager-digest']);
    expect(recorder.sent.map((e) => [e.kind, e.channel])).toEqual([
      ['post', 'U0MGR'],
      ['upload', 'U0MGR'],
    ]);
    expect(uploads[0]!.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('refuses an e-mail address: that is the e-mail channel’s job', async () => {
    const slack = slackNotices(slackRecorder(), { posts: memoryPosts(), logger, chart });
    await expect(slack.send({ email: 'a@example.com' }, sampleNotices('en')['survey-invitation'])).rejects.toThrow(/e-mail/);
  });
});
