import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The account the stand-in says the credentials belong to. */
export const STAND_IN_ACCOUNT = '111122223333';

/** Credentials the stand-in answers for (it checks no signature). */
export const STAND_IN_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLESTANDIN',
  AWS_SECRET_ACCESS_KEY: 'secret',
};

const IDENTITY =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  `<Arn>arn:aws:iam::${STAND_IN_ACCOUNT}:user/student</Arn><UserId>AIDEXAMPLE</UserId><Account>${STAND_IN_ACCOUNT}</Account>` +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

/** A request the stand-in got: the service named in its SigV4 credential scope, and the body. */
export interface ReceivedRequest {
  readonly service: string;
  readonly body: string;
}

/** A running stand-in: where it listens, what it got (cleared by the tests), and how to stop it. */
export interface StandInSts {
  readonly url: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A stand-in for AWS on loopback, for tests of what the kit and the CDK CLI ask AWS: answers STS
 * GetCallerIdentity for {@link STAND_IN_ACCOUNT}, records every request it gets, and answers
 * anything else with 500 (a test that expects no such request fails on it).
 */
export async function startStandInSts(): Promise<StandInSts> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
      received.push({ service: service ?? `unsigned ${req.method} ${req.url}`, body });
      if (service === 'sts' && /Action=GetCallerIdentity/.test(body)) {
        res.writeHead(200, { 'content-type': 'text/xml' }).end(IDENTITY);
      } else {
        res.writeHead(500).end('the stand-in answers STS GetCallerIdentity only');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
