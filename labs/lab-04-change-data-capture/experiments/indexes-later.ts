import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { describeRefusal, isRefusal, pollUntil, refusalOf } from '../../../lib/experiments/helpers';
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
    const addRefusal = await refusalOf(() =>
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
    );
    const added = describeRefusal(addRefusal);
    const active = addRefusal === undefined ? await waitFor((status) => status === 'ACTIVE') : undefined;
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
    const lsiRefusal = await refusalOf(() =>
      dynamodb.send(
        new UpdateTableCommand({
          TableName: tableName,
          ...({ LocalSecondaryIndexUpdates: [{ Create: { IndexName: 'byTotal' } }] } as object),
        }),
      ),
    );
    // The refusal the fact names: a ValidationException for an update that changes nothing, whose
    // list of what UpdateTable can change has no local secondary index in it.
    const lsiRefused =
      isRefusal(lsiRefusal, ['ValidationException']) && !/LocalSecondary/.test(lsiRefusal?.message ?? '');
    const gsiAdded = addRefusal === undefined && active === 'ACTIVE';
    return withMeasurements(
      expectThat(
        gsiAdded && lsiRefused,
        `UpdateTable adding GSI ${indexName}: ${added}${addRefusal ? `: ${addRefusal.message}` : ''}` +
          `${active ? `, ${active}, then removed` : ''}; an update with only an LSI: ${describeRefusal(lsiRefusal)}` +
          `${lsiRefusal ? `: ${lsiRefusal.message}` : ''}`,
        'the GSI is added and becomes ACTIVE; the LSI update is refused (ValidationException), and LSIs are not among what UpdateTable changes',
        gsiAdded ? 'lsi-not-refused' : 'gsi-not-added',
      ),
      { gsiAddedLive: active === 'ACTIVE' ? 'yes' : 'no' },
    );
  },
};
