import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { apply } from '../../../lambda/lab-13/key-setup';

function recorder(grantId = 'grant-1') {
  const calls: [string, any][] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      calls.push([command.constructor.name, command.input]);
      return { GrantId: grantId };
    },
  };
  return { calls, client };
}

const base = {
  ServiceToken: 'arn',
  StackId: 'stack',
  RequestId: 'req',
  LogicalResourceId: 'R',
  ResponseURL: 'http://127.0.0.1/',
};
const grantProps = {
  ServiceToken: 'arn',
  KeyId: 'key',
  GranteePrincipal: 'role',
  Operations: ['GenerateDataKey', 'Decrypt'],
  EncryptionContextSubset: { purpose: 'lab-13-envelope' },
};

test('a grant is created with its encryption context constraint and revoked on delete', async () => {
  const { calls, client } = recorder();
  const event = { ...base, ResourceType: 'Custom::KmsGrant', ResourceProperties: grantProps };
  const id = await apply(
    { ...event, RequestType: 'Create' } as CloudFormationCustomResourceEvent,
    client,
    client,
  );
  expect(id).toBe('grant-1');
  expect(calls[0]).toEqual([
    'CreateGrantCommand',
    expect.objectContaining({
      GranteePrincipal: 'role',
      Constraints: { EncryptionContextSubset: { purpose: 'lab-13-envelope' } },
    }),
  ]);
  await apply(
    { ...event, RequestType: 'Delete', PhysicalResourceId: 'grant-1' } as CloudFormationCustomResourceEvent,
    client,
    client,
  );
  expect(calls[1]).toEqual(['RevokeGrantCommand', { KeyId: 'key', GrantId: 'grant-1' }]);
});

test('the SecureString gets a random value under the given key, and is deleted on delete', async () => {
  const { calls, client } = recorder();
  const event = {
    ...base,
    ResourceType: 'Custom::SecureStringParameter',
    ResourceProperties: { ServiceToken: 'arn', Name: '/lab-13/app/secrets/db-password', KeyId: 'key' },
  };
  const id = await apply(
    { ...event, RequestType: 'Create' } as CloudFormationCustomResourceEvent,
    client,
    client,
  );
  expect(id).toBe('/lab-13/app/secrets/db-password');
  expect(calls[0][0]).toBe('PutParameterCommand');
  expect(calls[0][1]).toMatchObject({ Type: 'SecureString', KeyId: 'key' });
  expect(calls[0][1].Value).toHaveLength(32);
  await apply(
    { ...event, RequestType: 'Delete', PhysicalResourceId: id } as CloudFormationCustomResourceEvent,
    client,
    client,
  );
  expect(calls[1]).toEqual(['DeleteParameterCommand', { Name: '/lab-13/app/secrets/db-password' }]);
});

test('a parameter already gone on delete is not an error', async () => {
  const client = {
    send: async () => {
      throw Object.assign(new Error('gone'), { name: 'ParameterNotFound' });
    },
  };
  await expect(
    apply(
      {
        ...base,
        RequestType: 'Delete',
        PhysicalResourceId: '/p',
        ResourceType: 'Custom::SecureStringParameter',
        ResourceProperties: { ServiceToken: 'arn', Name: '/p', KeyId: 'k' },
      } as CloudFormationCustomResourceEvent,
      client,
      client,
    ),
  ).resolves.toBe('/p');
});
