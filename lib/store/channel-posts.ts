import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';

/** Where a channel adapter put its message about a subject, so a later change edits it in place. */
export interface ChannelPost {
  /** what the post is about, e.g. `complaint#cmp_…` */
  subject: string;
  /** the channel the notice was sent to (the key) */
  channel: string;
  /** where the channel says the message is (Slack answers with the channel id) */
  postedIn: string;
  /** the adapter's id of the message (a Slack message ts) */
  ts: string;
  postedAt: string;
}

const key = (subject: string, channel: string) => ({ pk: `CHPOST#${subject}`, sk: `CH#${channel}` });

/**
 * A channel's memory of its own posts, kept apart from the entity the post is
 * about: the complaint knows nothing of Slack, the Slack adapter keeps the ts.
 */
export function createChannelPostRepo(db: Db) {
  return {
    async get(subject: string, channel: string): Promise<ChannelPost | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key(subject, channel), ConsistentRead: true }));
      if (!res.Item) return undefined;
      return { subject, channel, postedIn: String(res.Item.postedIn), ts: String(res.Item.ts), postedAt: String(res.Item.postedAt) };
    },
    /** The first post wins: a retried post never moves the reference to a duplicate message. */
    async remember(post: ChannelPost): Promise<boolean> {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: {
              ...key(post.subject, post.channel),
              type: 'channel-post',
              postedIn: post.postedIn,
              ts: post.ts,
              postedAt: post.postedAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}

export type ChannelPostRepo = ReturnType<typeof createChannelPostRepo>;
