import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const KMS_ENCRYPT = 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html';
const ENVELOPE = 'https://docs.aws.amazon.com/kms/latest/developerguide/kms-cryptography.html#enveloping';
const CONTEXT = 'https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html';
const GRANTS = 'https://docs.aws.amazon.com/kms/latest/developerguide/grants.html';
const ROTATION = 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html';
const BY_PATH =
  'https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html';
const SECURESTRING_KMS =
  'https://docs.aws.amazon.com/systems-manager/latest/userguide/secure-string-parameter-kms-encryption.html';
const CFN_PARAMETER =
  'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-parameter.html';
const ROTATION_FUNCTION =
  'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html';
const EVALUATION =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html';
const BOUNDARIES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html';
const VARIABLES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';

/** The exam facts lab-13 teaches: each with its notes, the AWS docs it was checked against, and its proof. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'KMS Encrypt takes at most 4 KB (4,096 bytes) of plaintext per call; larger data is encrypted with envelope encryption',
    notes:
      '`002_b4197942c38b97e3.txt` - AWS Security & Encryption ("KMS can only encrypt up to 4KB of data per call")',
    sources: [KMS_ENCRYPT],
    experiments: ['kmsEncryptLimit'],
  },
  {
    fact: 'Envelope encryption: GenerateDataKey returns a data key twice (plaintext and encrypted under the KMS key); the data is encrypted locally, only the encrypted key is stored with it, and Decrypt turns it back into the data key',
    notes: '`002_b4197942c38b97e3.txt` - Envelope Encryption (GenerateDataKey API)',
    sources: [ENVELOPE],
    experiments: ['envelopeEncryption'],
  },
  {
    fact: 'The encryption context is additional authenticated data bound to the ciphertext: Decrypt must present the same context, or KMS refuses (InvalidCiphertextException)',
    notes: 'not in the notes (encryption context)',
    sources: [CONTEXT],
    experiments: ['wrongContextRefused'],
  },
  {
    fact: 'A key policy is the primary control of a KMS key (the default one delegates to IAM through the account root); a grant gives one principal listed operations, optionally only with an encryption context, without editing either policy',
    notes: '`002_b4197942c38b97e3.txt` - KMS "fully integrated with IAM for authorization"',
    sources: [GRANTS],
    experiments: ['grantToEnvelopeRole'],
  },
  {
    fact: 'Automatic rotation of a customer managed key makes new key material yearly by default (a period of 90-2,560 days can be set); the key id stays the same and old ciphertexts still decrypt',
    notes: '`002_b4197942c38b97e3.txt` - "CMK ... can be rotated for extra security"',
    sources: [ROTATION],
    experiments: ['keyRotationEnabled'],
  },
  {
    fact: 'Parameter Store keeps parameters in a hierarchy; GetParametersByPath (Recursive) reads a whole branch. CloudFormation creates String and StringList parameters but not SecureString, which needs the API (here a custom resource)',
    notes:
      '`002_b4197942c38b97e3.txt` - AWS Parameter Store ("Can organise parameters in a hierarchy", "Integrates with CloudFormation")',
    sources: [BY_PATH, CFN_PARAMETER],
    experiments: ['parametersByPath'],
  },
  {
    fact: 'A SecureString is encrypted under a KMS key: reading it with decryption needs kms:Decrypt on that key as well as ssm:GetParameter*; without decryption the caller gets the ciphertext',
    notes: '`002_b4197942c38b97e3.txt` - Parameter Store ("Optional seamless encryption using KMS")',
    sources: [SECURESTRING_KMS],
    experiments: ['secureStringNeedsKmsDecrypt', 'parametersByPath'],
  },
  {
    fact: 'Secrets Manager rotates a secret with a Lambda function in four steps (createSecret, setSecret, testSecret, finishSecret); staging labels move: AWSPENDING for the new version, then AWSCURRENT, and AWSPREVIOUS on the old one',
    notes: 'not in the notes (Secrets Manager rotation)',
    sources: [ROTATION_FUNCTION],
    experiments: ['secretRotated', 'fourRotationSteps'],
    remark: 'the second experiment drives the four steps itself, as Secrets Manager would',
  },
  {
    fact: 'Policy evaluation: an explicit Deny in any applicable policy wins; otherwise an Allow is needed; nothing said means an implicit deny',
    notes:
      '`002_b4197942c38b97e3.txt` - IAM Policy Evaluation ("Explicit Deny takes precedence over explicit Allow")',
    sources: [EVALUATION],
    experiments: ['explicitDenyWins'],
  },
  {
    fact: 'A permissions boundary sets the most a user or role may do: an action needs an Allow in both the identity policies and the boundary; the boundary grants nothing by itself',
    notes: 'not in the notes (permissions boundaries)',
    sources: [BOUNDARIES],
    experiments: ['boundaryCapsRole'],
  },
  {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
    fact: 'Policy variables (${aws:username}, ${aws:PrincipalTag/key}) are replaced by the caller’s values, so one policy gives every principal its own prefix',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
    notes: '`002_b4197942c38b97e3.txt` - Dynamic IAM policies (${aws:username})',
    sources: [VARIABLES],
    experiments: ['policyVariablePerTeam'],
  },
  {
    fact: 'Secrets Manager bills per secret per month ($0.40) plus API calls; Parameter Store standard parameters are free',
    notes: 'not in the notes (pricing)',
    sources: ['https://aws.amazon.com/secrets-manager/pricing/'],
    templateTests: ['one Secrets Manager secret, priced per secret-month'],
  },
  {
    fact: 'A service control policy (SCP) of AWS Organizations sets the most that principals in member accounts may do: it grants nothing itself, so an action needs an Allow from the SCPs on every level above the account and from an identity or resource policy; the management account is not restricted by SCPs',
    notes: '`002_b4197942c38b97e3.txt` - IAM Policy Evaluation (SCPs are not in the notes)',
    sources: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
      EVALUATION,
    ],
    remark: 'not shown here: it needs an organization, and the lab runs in one account',
  },
  {
    fact: 'Across accounts both sides must allow: the caller’s identity policy in its own account and the resource’s policy (a bucket or key policy, a role trust policy) in the other; within one account either one is enough',
    notes: '`002_b4197942c38b97e3.txt` - IAM Policy Evaluation',
    sources: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html',
    ],
    remark:
      'not shown here: the lab has one account; its roles trust that account, which is the same-account case',
  },
  {
    fact: 'Secrets Manager or Parameter Store: Secrets Manager rotates secrets with a function, shares them across accounts through a resource policy, replicates them to other Regions and bills per secret; Parameter Store keeps a free hierarchy of settings (standard tier, up to 4 KB each) with SecureString encryption but no rotation of its own',
    notes:
      '`002_b4197942c38b97e3.txt` - AWS Parameter Store; `001_06aa89305e27a1ca.txt` - AWS SSM (Parameter Store)',
    sources: [
      ROTATION_FUNCTION,
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
      'https://aws.amazon.com/secrets-manager/pricing/',
    ],
    remark:
      'the lab uses both (rotation of the secret, a path read of the parameters); the choice between them is not an experiment',
  },
  {
    fact: 'A multi-Region KMS key is a primary key replicated to other Regions: the copies share the key id and key material (and rotation), so data encrypted in one Region decrypts in another without a cross-Region call; each copy has its own key policy, grants and aliases, and a key is made multi-Region only when it is created',
    notes: 'not in the notes (KMS multi-Region keys)',
    sources: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/mrk-how-it-works.html',
      'https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html',
    ],
    remark: 'not shown here: the lab’s key is a single-Region key, in one Region',
  },
];
