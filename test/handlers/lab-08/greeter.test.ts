import { qualifierOf, respond } from '../../../lambda/lab-08/greeter/respond';

const ARN = 'arn:aws:lambda:us-east-1:111122223333:function:lab-08-Greeter';

test('answers which version ran, through which alias, on which stage', () => {
  const answer = respond({ path: '/hello', requestContext: { stage: 'prod' } }, '2', `${ARN}:live`) as {
    statusCode: number;
    body: string;
  };
  expect(answer.statusCode).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ version: '2', invokedAs: 'live', stage: 'prod', greeting: null });
});

test('reports the GREETING variable of the version that ran', () => {
  const answer = respond({}, '$LATEST', ARN, 'changed') as { body: string };
  expect(JSON.parse(answer.body)).toMatchObject({
    version: '$LATEST',
    invokedAs: 'unqualified',
    greeting: 'changed',
  });
});

test('answers /malformed with an object body, which API Gateway cannot use', () => {
  const answer = respond({ path: '/malformed' }, '1', `${ARN}:1`);
  expect(typeof answer.body).toBe('object');
  expect(answer).not.toHaveProperty('headers');
});

test('reads the qualifier from the invoked ARN', () => {
  expect(qualifierOf(`${ARN}:next`)).toBe('next');
  expect(qualifierOf(`${ARN}:7`)).toBe('7');
  expect(qualifierOf(ARN)).toBe('unqualified');
});
