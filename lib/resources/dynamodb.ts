import { gone } from './support';
import { type ClientConfig, defineService, type ResourceType } from './types';

const USAGE = 'DynamoDB on demand: per read/write request unit, storage $0.25 per GB-month';

const tableExists = async (name: string, config: ClientConfig) => {
  const { DescribeTableCommand, DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  return !(await gone(() => new DynamoDBClient(config).send(new DescribeTableCommand({ TableName: name }))));
};

const table = (scan: boolean): ResourceType => ({
  price: {
    // Continuous backups bill by table size, whether or not anything is ever restored.
    usage: (props) =>
      (props.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled?: boolean } | undefined)
        ?.PointInTimeRecoveryEnabled
        ? `${USAGE}; point-in-time recovery $0.20 per GB-month of table size`
        : USAGE,
  },
  diagram: { node: { label: 'DynamoDB table', group: 'Data' } },
  leftovers: {
    exists: tableExists,
    // Both kinds are tables to ListTables: the scan by name runs once, for AWS::DynamoDB::Table.
    ...(scan && {
      findByNameOrTag: async (
        _stackName: string,
        config: ClientConfig,
        namedForLab: (n?: string) => boolean,
      ) => {
        const { DynamoDBClient, ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
        const tables = await new DynamoDBClient(config).send(new ListTablesCommand({}));
        return (tables.TableNames ?? []).filter((name) => namedForLab(name));
      },
    }),
  },
});

/** Amazon DynamoDB: tables (both CloudFormation kinds, priced and drawn alike). */
export const dynamodb = defineService({
  prefix: 'AWS::DynamoDB',
  drawnGrants: 'dynamodb',
  types: {
    'AWS::DynamoDB::GlobalTable': table(false),
    'AWS::DynamoDB::Table': table(true),
  },
});
