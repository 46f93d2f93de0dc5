import { type App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addLabStack } from '../../lib/app';
import { CATALOGUE } from '../../lib/catalogue';
import { testApp } from '../support/synth';

/** Synthesizes with the AwsSolutions pack attached; unacknowledged findings make synth throw. */
function synthWithNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
}

/**
 * Every acknowledgement the kit recorded: rule id and reason. aws-cdk-lib records a few of its
 * own for its built-in validation (`CloudFormation-Validate::...`); those are not the kit's to justify.
 */
function acknowledgements(app: App): { path: string; id: string; reason: string }[] {
  return app.node.findAll().flatMap((node) =>
    node.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: node.node.path,
          id,
          reason,
        })),
      )
      .filter((ack) => !ack.id.startsWith('CloudFormation-Validate::')),
  );
}

// lab-01 is checked twice: its receipt rule and activator exist only with an email domain.
// lab-03 is checked as deployed to AWS too, with its expiry schedule and self-destruct function.
const variants = [
  ...CATALOGUE.map((lab) => ({ name: lab.id, lab, context: {}, expiresAt: undefined as Date | undefined })),
  {
    name: 'lab-01 with emailDomain',
    lab: CATALOGUE[0],
    context: { emailDomain: 'mail.example.com' },
    expiresAt: undefined,
  },
  {
    name: 'lab-03 with an expiry',
    lab: CATALOGUE[2],
    context: {},
    expiresAt: new Date('2026-11-23T04:00:00Z'),
  },
];

describe.each(variants.map((variant) => [variant.name, variant] as const))(
  '%s under cdk-nag AwsSolutions',
  (_name, variant) => {
    const app = testApp(variant.context);
    addLabStack(app, variant.lab, 'aws', variant.expiresAt);

    test('has no unacknowledged finding', () => {
      expect(() => synthWithNag(app)).not.toThrow();
    });

    test('justifies every acknowledgement in a sentence', () => {
      const acks = acknowledgements(app);
      expect(acks.length).toBeGreaterThan(0);
      for (const ack of acks) {
        expect({ ...ack, reasonOk: ack.reason.length >= 50 && /[.]$/.test(ack.reason) }).toEqual({
          ...ack,
          reasonOk: true,
        });
      }
    });
  },
);

test('a stack with a finding fails synth, naming the rule', () => {
  const app = testApp();
  new sqs.Queue(new Stack(app, 'Bad'), 'NoDeadLetter', { enforceSSL: true });
  expect(() => synthWithNag(app)).toThrow(/AwsSolutions-SQS3/);
});
