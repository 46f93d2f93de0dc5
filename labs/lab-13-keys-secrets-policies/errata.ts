import type { NoteErratum } from '../../lib/docs/errata';

/** Outdated statements in the notes that lab-13 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '002_b4197942c38b97e3.txt',
    says: '"CMK (customer master key can never be retrieved; it can be rotated for extra security)"',
    now: 'AWS calls them KMS keys now (customer managed keys, AWS managed keys). Automatic rotation is yearly by default and the period can be set from 90 to 2,560 days; on-demand rotation exists too. Rotation keeps the key id and every older key material, so old ciphertexts still decrypt.',
    sources: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
    examTrap:
      'an answer saying rotation needs re-encrypting existing data, or a new key id for the application, is wrong for automatic rotation.',
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: 'Parameter Store "Integrates with CloudFormation"',
    now: 'CloudFormation (AWS::SSM::Parameter) creates String and StringList parameters only; a SecureString must be created through the API (this lab uses a custom resource) and can be read in templates with an ssm-secure dynamic reference on the properties that support it.',
    sources: [
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-parameter.html',
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html',
    ],
  },
  {
    note: '001_06aa89305e27a1ca.txt',
    says: '"AWS SSM is parameter store."',
    now: 'Parameter Store is one capability of AWS Systems Manager, which also runs commands, patches and sessions on managed instances.',
    sources: [
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html',
    ],
  },
];
