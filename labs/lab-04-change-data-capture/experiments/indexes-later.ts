import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { acceptedOrRefused, pollUntil } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

/** How long adding (and then removing) an index may take: minutes on AWS, moments on an emulator. */
const INDEX_DEADLINE_MS = 15 * 60_000;

export const indexesLater: Experiment<Output> = {
  name: 'Add a GSI to the live table; find no way to add an LSI',
  fact: 'A GSI has its own partition key and can be added later; an LSI must exist at table creation',
  proof: 'behaviour',
  measures: ['gsiAddedLive'],
  skipOn: {
    localstack:
      "The kit's LocalStack serves DynamoDB with moto (LocalStack's own DynamoDB is the Java DynamoDB Local), " +
      'and moto 5.1.20 accepts an UpdateTable that changes nothing (AWS refuses it and lists what UpdateTable ' +
      'can change): the LSI half cannot fail there. (Observed: the GSI was added, ACTIVE, and removed.)',
  },
  async run(context) {
    const dynamodb = clientOf(DynamoDBClient, context);
    const tableName = outputOf(context, 'OrdersTableName');
    const indexName = `probe${Date.now().toString(36)}`;
    const statusOf = async () =>
      (
        await dynamodb.send(new DescribeTableCommand({ TableName: tableName }))
      ).Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === indexName)?.IndexStatus;
    const waitFor = async (wanted: (status: string | undefined) => boolean) =>
      pollUntil(
        context.target === 'aws' ? INDEX_DEADLINE_MS : 30_000,
        context.target === 'aws' ? 15_000 : 500,
        async () => {
          const status = await statusOf();
          context.progress(`index ${indexName}: ${status ?? 'gone'}`);
          return wanted(status) ? (status ?? 'gone') : undefined;
        },
      );
    // A GSI on an existing table: UpdateTable creates it (the table stays online meanwhile).
    const added = await acceptedOrRefused(
      () =>
        dynamodb.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: [{ AttributeName: 'createdAt', AttributeType: 'S' }],
            GlobalSecondaryIndexUpdates: [
              {
                Create: {
                  IndexName: indexName,
                  KeySchema: [{ AttributeName: 'createdAt', KeyType: 'HASH' }],
                  Projection: { ProjectionType: 'KEYS_ONLY' },
                },
              },
            ],
          }),
        ),
      'message',
    );
    const active = added === 'accepted' ? await waitFor((status) => status === 'ACTIVE') : undefined;
    // Take it away again, so the table is what the stack says.
    if (active) {
      await dynamodb.send(
        new UpdateTableCommand({
          TableName: tableName,
          GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: indexName } }],
        }),
      );
      await waitFor((status) => status === undefined);
    }
    // UpdateTable has no parameter for local secondary indexes: the request below carries only an
    // LSI definition, which the SDK cannot even serialize, so DynamoDB sees an empty update and
    // answers with the list of what UpdateTable can change.
    const lsi = await acceptedOrRefused(
      () =>
        dynamodb.send(
          new UpdateTableCommand({
            TableName: tableName,
            ...({ LocalSecondaryIndexUpdates: [{ Create: { IndexName: 'byTotal' } }] } as object),
          }),
        ),
      'message',
    );
    return withMeasurements(
      expectThat(
        added === 'accepted' &&
          active === 'ACTIVE' &&
          lsi.startsWith('refused') &&
          !/LocalSecondary/.test(lsi),
        `UpdateTable adding GSI ${indexName}: ${added}${active ? `, ${active}, then removed` : ''}; ` +
          `an update with only an LSI: ${lsi}`,
        'the GSI is added and becomes ACTIVE; the LSI update is refused, and LSIs are not among what UpdateTable changes',
      ),
      { gsiAddedLive: active === 'ACTIVE' ? 'yes' : 'no' },
    );
  },
};
