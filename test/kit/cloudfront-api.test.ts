import { signatureV4, xmlValue } from '../../lib/resources/cloudfront';

// AWS's Signature Version 4 test suite, case "get-vanilla" (the published example credentials).
test('signs a request as AWS Signature Version 4 does (the get-vanilla example)', () => {
  expect(
    signatureV4({
      method: 'GET',
      host: 'example.amazonaws.com',
      path: '/',
      headers: {},
      body: '',
      amzDate: '20150830T123600Z',
      region: 'us-east-1',
      service: 'service',
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      },
    }),
  ).toBe(
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  );
});

test('reads the first value of a tag from an XML answer', () => {
  const xml = '<Invalidation><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status></Invalidation>';
  expect(xmlValue(xml, 'Status')).toBe('InProgress');
  expect(xmlValue(xml, 'Missing')).toBeUndefined();
});
