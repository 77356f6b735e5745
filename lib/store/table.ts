/**
 * The one table, read by CDK (TableV2) and by the local stack (CreateTable).
 * Generic key names; entity prefixes in the values; GSIs are overloaded and
 * sparse: an item appears in an index only when it sets that index's keys.
 * Which entity uses which index for what: lib/store/README.md.
 */
export const indexNames = ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5', 'gsi6'] as const;
export type IndexName = (typeof indexNames)[number];

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: indexNames.map((name) => ({
    indexName: name,
    partitionKey: `${name}pk`,
    sortKey: `${name}sk`,
  })),
} as const;

export const outboxStreamMatch = { pkPrefix: 'OUTBOX#', sk: 'EVENT' } as const;
