import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tableDefinition } from '../lib/store/table';
import type { TableAccess } from './function-profiles';

const ITEM_READS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const ITEM_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
const BATCH_DELETES = ['dynamodb:BatchWriteItem'];
// What DynamoDB asks KMS for on the caller's behalf; named one by one (no kms:*Key* wildcards).
const KEY_FOR_READS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_FOR_WRITES = ['kms:Encrypt', 'kms:GenerateDataKey'];

/** The single table of lib/store/table.ts, encrypted with its own key. */
export class DataStore extends Construct {
  readonly table: TableV2;
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'TableKey', {
      description: 'CareLoop table encryption (customer data)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const string = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: string(tableDefinition.partitionKey),
      sortKey: string(tableDefinition.sortKey),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      globalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((gsi) => ({
        indexName: gsi.indexName,
        partitionKey: string(gsi.partitionKey),
        sortKey: string(gsi.sortKey),
      })),
      billing: Billing.onDemand(),
      // The outbox's delivery (infra/outbox-delivery.ts): new images only, the subscriber needs nothing older.
      dynamoStream: StreamViewType.NEW_IMAGE,
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Item-level access and nothing else: no Scan (docs/architecture.md, Data), no table management,
   * no streams. Index ARNs are listed one by one, and on them only Query is allowed.
   */
  grantAccess(grantee: IGrantable, access: TableAccess): void {
    const actions = [...ITEM_READS, ...(access === 'read' ? [] : ITEM_WRITES), ...(access === 'readWriteErase' ? BATCH_DELETES : [])];
    Grant.addToPrincipal({ grantee, actions, resourceArns: [this.table.tableArn] });
    Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: tableDefinition.globalSecondaryIndexes.map((gsi) => `${this.table.tableArn}/index/${gsi.indexName}`),
    });
    this.table.grantOnKey(grantee, ...KEY_FOR_READS, ...(access === 'read' ? [] : KEY_FOR_WRITES));
  }
}
