import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactPerson, Customer } from '../domain/customer';
import { type CustomerSummary, summaryOf } from '../domain/customer-summary';
import { ConflictError, NotFoundError, VersionMismatchError } from '../domain/errors';
import type { NameIndexer } from '../domain/name-keys';
import { REVERSED_KEY, searchPrefix } from '../domain/name-search';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import type { Db, WriteOp } from './db';
import { deleteAll, getAll, type Key, stripKeys } from './item';
import { partitionKeys } from './query';

/**
 * Customer keys (see README.md): the profile and everything owned by one
 * customer share the partition CUST#<id>, so reading or erasing a customer is
 * one partition; uniqueness and name-search entries are separate items.
 */
const profileKey = (id: string): Key => ({ pk: `CUST#${id}`, sk: 'PROFILE' });
const phoneKey = (e164: string): Key => ({ pk: `CUST_PHONE#${e164}`, sk: 'UNIQUE' });
const emailKey = (email: string): Key => ({ pk: `CUST_EMAIL#${email.toLowerCase()}`, sk: 'UNIQUE' });
const externalKey = (ext: string): Key => ({ pk: `CUST_EXT#${ext}`, sk: 'UNIQUE' });
// A reversed key ("~nasgnahz") is partitioned by its first letter too, not all under "~".
const namePartition = (key: string) => `CUST_NAME#${key.startsWith(REVERSED_KEY) ? key.slice(0, 2) : [...key][0]}`;
const nameKey = (key: string, id: string): Key => ({ pk: namePartition(key), sk: `${key}#${id}` });
const importKey = (fingerprint: string): Key => ({ pk: `CUST_IMPORT#${fingerprint}`, sk: 'UNIQUE' });
/** In the customer's partition, the row fingerprint it was imported from: an erase finds and releases the row's claim through it. */
const importedFromKey = (customerId: string, fingerprint: string): Key => ({ pk: `CUST#${customerId}`, sk: `IMPORTED#${fingerprint}` });
const contactKey = (customerId: string, contactId: string): Key => ({ pk: `CUST#${customerId}`, sk: `CONTACT#${contactId}` });

function listingIndexes(c: Customer, sortName: string) {
  const sk = `${sortName}#${c.id}`;
  return {
    gsi1pk: `CUST_OWNER#${c.ownerId}`,
    gsi1sk: sk,
    gsi2pk: `CUST_TIER#${c.tier}`,
    gsi2sk: sk,
    gsi3pk: `CUST_STAGE#${c.lifecycleStage}`,
    gsi3sk: sk,
    // Every customer, alphabetically: the unfiltered list. One partition is fine
    // up to a few hundred thousand customers (GSI writes ~1 per change).
    gsi4pk: 'CUST_ALL',
    gsi4sk: sk,
  };
}

const put = (Item: Record<string, unknown>, ConditionExpression?: string, onConditionFailed?: WriteOp['onConditionFailed']): WriteOp => ({
  item: { Put: { TableName: '', Item, ConditionExpression } },
  onConditionFailed,
});
const del = (Key: Key, ConditionExpression?: string, values?: Record<string, unknown>): WriteOp => ({
  item: { Delete: { TableName: '', Key, ConditionExpression, ExpressionAttributeValues: values } },
});

function uniquenessOps(c: Customer, phones: string[], emails: string[]): WriteOp[] {
  const claim = (key: Key, field: string, value: string) =>
    put(
      { ...key, type: 'unique', customerId: c.id, field },
      'attribute_not_exists(pk)',
      (existing) =>
        new ConflictError(
          `${field} ${value} already belongs to customer ${String(existing?.customerId ?? 'another customer')}`,
          { field, value, customerId: existing?.customerId },
          'error.duplicate_contact',
          { field, value },
        ),
    );
  return [...phones.map((p) => claim(phoneKey(p), 'phones', p)), ...emails.map((e) => claim(emailKey(e), 'emails', e))];
}

function releaseOps(id: string, phones: string[], emails: string[]): WriteOp[] {
  const owned = { ':id': id };
  return [
    ...phones.map((p) => del(phoneKey(p), 'customerId = :id', owned)),
    ...emails.map((e) => del(emailKey(e), 'customerId = :id', owned)),
  ];
}

function nameOps(c: Customer, keys: string[]): WriteOp[] {
  return keys.map((k) => put({ ...nameKey(k, c.id), type: 'name', ...summaryOf(c) }));
}

/** Claims beyond phone/email: an ERP id, or the fingerprint of an imported CSV row. */
/** `importId` marks which import job made an import claim, so a resumed job knows its own rows. */
export type ExtraClaim = { key: 'external' | 'import'; value: string; importId?: string };

function extraClaimOp(customerId: string, { key, value, importId }: ExtraClaim): WriteOp {
  const itemKey = key === 'external' ? externalKey(value) : importKey(value);
  const field = key === 'external' ? 'externalId' : 'row';
  return put(
    { ...itemKey, type: 'unique', customerId, ...(importId ? { importId } : {}) },
    'attribute_not_exists(pk)',
    (existing) =>
      new ConflictError(
        `${field === 'externalId' ? `externalId ${value}` : 'this row'} already belongs to customer ${String(existing?.customerId)}`,
        { field, customerId: existing?.customerId, ...(existing?.importId ? { importId: existing.importId } : {}) },
        'error.duplicate_import',
      ),
  );
}

const diff = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));

export function createCustomerRepo(db: Db) {
  return {
    async get(id: string): Promise<Customer | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: profileKey(id) }));
      return res.Item ? stripKeys<Customer>(res.Item) : undefined;
    },

    async mustGet(id: string): Promise<Customer> {
      const c = await this.get(id);
      if (!c) throw new NotFoundError('customer', id);
      return c;
    },

    /**
     * Everything a create writes: profile, uniqueness claims, name-search keys.
     * `names` (domain/name-keys.ts) is passed in so that reading customers never loads the pinyin dictionary.
     */
    createOps(c: Customer, names: NameIndexer, extraClaims: ExtraClaim[] = []): WriteOp[] {
      const index = names(c.name);
      const claims = extraClaims.flatMap((claim) => [
        extraClaimOp(c.id, claim),
        ...(claim.key === 'import' ? [put({ ...importedFromKey(c.id, claim.value), type: 'imported-from' })] : []),
      ]);
      // Extra claims come first: when a re-import fails several conditions, "already imported" is the one reported.
      return [
        put({ ...profileKey(c.id), type: 'customer', ...listingIndexes(c, index.sortName), ...c }, 'attribute_not_exists(pk)'),
        ...claims,
        ...uniquenessOps(c, c.phones, c.emails),
        ...nameOps(c, index.keys),
      ];
    },

    /** Replace the profile if it is still at `before.version`; move claims and name keys that changed. */
    updateOps(before: Customer, after: Customer, names: NameIndexer): WriteOp[] {
      const oldKeys = names(before.name).keys;
      const { keys: newKeys, sortName } = names(after.name);
      const ops: WriteOp[] = [
        put(
          { ...profileKey(after.id), type: 'customer', ...listingIndexes(after, sortName), ...after },
          'version = :v',
          () => new VersionMismatchError('customer', after.id, before.version),
        ),
      ];
      ops[0]!.item.Put!.ExpressionAttributeValues = { ':v': before.version };
      ops.push(...releaseOps(before.id, diff(before.phones, after.phones), diff(before.emails, after.emails)));
      ops.push(...uniquenessOps(after, diff(after.phones, before.phones), diff(after.emails, before.emails)));
      const summaryChanged = JSON.stringify(summaryOf(before)) !== JSON.stringify(summaryOf(after));
      ops.push(...diff(oldKeys, newKeys).map((k) => del(nameKey(k, before.id))));
      ops.push(...nameOps(after, summaryChanged ? newKeys : diff(newKeys, oldKeys)));
      if (after.externalId !== before.externalId) {
        if (before.externalId) ops.push(del(externalKey(before.externalId), 'customerId = :id', { ':id': before.id }));
        if (after.externalId) ops.push(extraClaimOp(after.id, { key: 'external', value: after.externalId }));
      }
      return ops;
    },

    /**
     * Only the consent flags, version and who/when of the profile: no name, phone or
     * listing key can change, so the survey page's opt-out need not load the pinyin
     * dictionary or phone metadata that `updateOps` recomputes keys with.
     */
    consentOp(before: Customer, after: Pick<Customer, 'consent' | 'version' | 'updatedAt' | 'updatedBy'>): WriteOp {
      return {
        item: {
          Update: {
            TableName: '',
            Key: profileKey(before.id),
            UpdateExpression: 'SET consent = :consent, version = :next, updatedAt = :at, updatedBy = :by',
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: {
              ':consent': after.consent,
              ':next': after.version,
              ':at': after.updatedAt,
              ':by': after.updatedBy,
              ':v': before.version,
            },
          },
        },
        onConditionFailed: () => new VersionMismatchError('customer', before.id, before.version),
      };
    },

    /**
     * Every name key of a customer as the current indexer makes them, written over whatever is
     * there, on condition that the profile is still the version read: a rename or edit made
     * meanwhile wrote its own keys, and a stale summary or a key of the old name would undo it.
     */
    nameKeysRewriteOps(c: Customer, names: NameIndexer): WriteOp[] {
      return [
        {
          item: {
            ConditionCheck: {
              TableName: '',
              Key: profileKey(c.id),
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': c.version },
            },
          },
          onConditionFailed: () => new VersionMismatchError('customer', c.id, c.version),
        },
        ...nameOps(c, names(c.name).keys),
      ];
    },

    /** The items an erase removes last, in one transaction: profile, claims, name keys. */
    eraseOps(c: Customer, names: NameIndexer): WriteOp[] {
      return [
        del(profileKey(c.id), 'version = :v', { ':v': c.version }),
        ...releaseOps(c.id, c.phones, c.emails),
        ...names(c.name).keys.map((k) => del(nameKey(k, c.id))),
        ...(c.externalId ? [del(externalKey(c.externalId), 'customerId = :id', { ':id': c.id })] : []),
      ];
    },

    /**
     * Deletes the contacts, timeline and other child items in the customer's partition
     * (in batches, before the profile). Returns the ops that release the import-row claims
     * those items named, so an erased person can be imported again: they belong in the
     * profile's erase transaction, and are read before the items that name them are gone.
     */
    async eraseChildren(id: string): Promise<WriteOp[]> {
      const children = (await partitionKeys(db, `CUST#${id}`)).filter((k) => k.sk !== 'PROFILE');
      const releases = children
        .filter((k) => k.sk.startsWith('IMPORTED#'))
        .map((k) => del(importKey(k.sk.slice('IMPORTED#'.length)), 'customerId = :id', { ':id': id }));
      await deleteAll(db, children);
      return releases;
    },

    async idByPhone(e164: string): Promise<string | undefined> {
      return uniqueOwner(db, phoneKey(e164));
    },
    async idByEmail(email: string): Promise<string | undefined> {
      return uniqueOwner(db, emailKey(email));
    },
    async idByExternalId(externalId: string): Promise<string | undefined> {
      return uniqueOwner(db, externalKey(externalId));
    },
    async idByImportFingerprint(fingerprint: string): Promise<string | undefined> {
      return uniqueOwner(db, importKey(fingerprint));
    },
    /**
     * The import claims already held for these row fingerprints, by fingerprint: a re-run
     * of a file finds its rows imported with a few batched reads instead of one refused
     * transaction per row.
     */
    async importClaims(fingerprints: string[]): Promise<Map<string, { customerId: string; importId?: string }>> {
      const byPk = new Map(fingerprints.map((f) => [importKey(f).pk, f]));
      const items = await getAll(db, [...new Set(fingerprints)].map(importKey));
      const claims = new Map<string, { customerId: string; importId?: string }>();
      for (const item of items) {
        const fingerprint = byPk.get(item.pk as string);
        if (fingerprint)
          claims.set(fingerprint, {
            customerId: item.customerId as string,
            ...(item.importId ? { importId: item.importId as string } : {}),
          });
      }
      return claims;
    },

    /** Customers of one owner, tier or lifecycle stage, alphabetically; one Query per page. */
    async list(
      filter: { ownerId?: string; tier?: Customer['tier']; stage?: Customer['lifecycleStage'] },
      limit: number,
      cursor?: string,
    ): Promise<Page<Customer>> {
      const [index, value] = filter.ownerId
        ? (['gsi1', `CUST_OWNER#${filter.ownerId}`] as const)
        : filter.tier
          ? (['gsi2', `CUST_TIER#${filter.tier}`] as const)
          : filter.stage
            ? (['gsi3', `CUST_STAGE#${filter.stage}`] as const)
            : (['gsi4', 'CUST_ALL'] as const);
      // Secondary filters (e.g. owner + tier) are applied by DynamoDB on the page it reads.
      const conditions: string[] = [];
      const values: Record<string, unknown> = { ':pk': value };
      if (filter.ownerId && filter.tier) {
        conditions.push('tier = :tier');
        values[':tier'] = filter.tier;
      }
      if ((filter.ownerId || filter.tier) && filter.stage) {
        conditions.push('lifecycleStage = :stage');
        values[':stage'] = filter.stage;
      }
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk`,
          FilterExpression: conditions.length ? conditions.join(' AND ') : undefined,
          ExpressionAttributeValues: values,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, `${value}|${conditions.join()}`),
        }),
      );
      return {
        items: (res.Items ?? []).map((i) => stripKeys<Customer>(i)),
        cursor: encodeCursor(res.LastEvaluatedKey, `${value}|${conditions.join()}`),
      };
    },

    /** Name prefix search over the name keys (Chinese characters, pinyin, initials, Latin words). */
    async searchByName(query: string, limit: number, cursor?: string): Promise<Page<CustomerSummary>> {
      const prefix = searchPrefix(query);
      if (!prefix) return { items: [] };
      const partition = namePartition(prefix);
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, `${partition}|${prefix}`),
        }),
      );
      const seen = new Set<string>();
      const items: CustomerSummary[] = [];
      for (const item of res.Items ?? []) {
        const s = stripKeys<CustomerSummary>(item);
        if (!seen.has(s.id)) {
          seen.add(s.id);
          items.push(s);
        }
      }
      return { items, cursor: encodeCursor(res.LastEvaluatedKey, `${partition}|${prefix}`) };
    },

    /**
     * Name keys that start with `prefix` (a search key of name-keys.ts, reversed ones included),
     * each with the key itself so the caller can rank by how close it is to what was typed.
     * One Query; `limit` bounds the items read.
     */
    async nameKeysStartingWith(prefix: string, limit: number): Promise<Array<{ key: string; customer: CustomerSummary }>> {
      if (!prefix) return [];
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': namePartition(prefix), ':prefix': prefix },
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map((item) => ({
        key: String(item.sk).slice(0, String(item.sk).lastIndexOf('#')),
        customer: stripKeys<CustomerSummary>(item),
      }));
    },

    contactOp(contact: ContactPerson): WriteOp {
      return put({ ...contactKey(contact.customerId, contact.id), type: 'contact', ...contact });
    },

    async contacts(customerId: string): Promise<ContactPerson[]> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
          ExpressionAttributeValues: { ':pk': `CUST#${customerId}`, ':c': 'CONTACT#' },
        }),
      );
      return (res.Items ?? []).map((i) => stripKeys<ContactPerson>(i));
    },

    /** Guards a child write: the customer must exist (and not be mid-erase). */
    existsCheck(id: string): WriteOp {
      return {
        item: { ConditionCheck: { TableName: '', Key: profileKey(id), ConditionExpression: 'attribute_exists(pk)' } },
        onConditionFailed: () => new NotFoundError('customer', id),
      };
    },
  };
}

async function uniqueOwner(db: Db, key: Key): Promise<string | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key }));
  return res.Item?.customerId as string | undefined;
}

export type CustomerRepo = ReturnType<typeof createCustomerRepo>;
