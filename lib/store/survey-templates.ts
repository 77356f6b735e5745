import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, VersionMismatchError } from '../domain/errors';
import type { SurveyTemplate } from '../domain/survey';
import type { Db, WriteOp } from './db';
import { type Key, stripKeys } from './item';
import { queryAll } from './query';
import { templateKey } from './survey-keys';

/** Survey templates (see README.md, Surveys): edited copies of the built-ins and new ones. */
export function createSurveyTemplateRepo(db: Db) {
  const get = async (key: Key) => (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key }))).Item;

  return {
    // ── Templates ────────────────────────────────────────────────────────────
    async template(id: string): Promise<SurveyTemplate | undefined> {
      const item = await get(templateKey(id));
      return item ? stripKeys<SurveyTemplate>(item) : undefined;
    },

    async templates(): Promise<SurveyTemplate[]> {
      return queryAll<SurveyTemplate>(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'SURVEY_TEMPLATES' },
      });
    },

    /** Create (`expectedVersion` undefined: must not exist) or replace at `expectedVersion`. */
    templatePutOp(tpl: SurveyTemplate, expectedVersion?: number): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: { ...templateKey(tpl.id), type: 'survey-template', gsi1pk: 'SURVEY_TEMPLATES', gsi1sk: tpl.id, ...tpl },
            ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(pk)' : 'attribute_not_exists(pk) OR version = :v',
            ExpressionAttributeValues: expectedVersion === undefined ? undefined : { ':v': expectedVersion },
          },
        },
        onConditionFailed: () =>
          expectedVersion === undefined
            ? new ConflictError(`survey template ${tpl.id} already exists`, { id: tpl.id })
            : new VersionMismatchError('survey template', tpl.id, expectedVersion),
      };
    },
  };
}
