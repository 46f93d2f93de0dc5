import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-13 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'An application must encrypt 50 MB files with a customer managed KMS key. Calls to KMS Encrypt fail. What should the developer do?',
    choices: [
      'Call GenerateDataKey, encrypt the file locally with the plaintext data key, and store the encrypted data key with the file',
      'Split the file into 4 KB chunks and call Encrypt for each',
      'Ask AWS Support to raise the Encrypt payload limit',
      'Use an AWS managed key instead of a customer managed key',
    ],
    answer: [0],
    explanation:
      'Encrypt takes at most 4 KB. Envelope encryption encrypts data of any size locally with a data key and keeps only the encrypted key; KMS decrypts that key later. Chunking works but costs one KMS call per 4 KB and is not the intended design.',
    shownBy: { experiment: 'envelopeEncryption' },
    domain: 'developing',
  },
  {
    question:
      'A Lambda function reads a SecureString parameter with WithDecryption=true and gets AccessDeniedException, although its role allows ssm:GetParameter on the parameter. What is missing?',
    choices: [
      'kms:Decrypt on the KMS key that encrypts the parameter',
      'ssm:DescribeParameters on *',
      'secretsmanager:GetSecretValue',
      'A resource policy on the parameter',
    ],
    answer: [0],
    explanation:
      'Parameter Store decrypts a SecureString with the caller’s permission on its KMS key: the role needs kms:Decrypt on that key (or a grant). Parameters have no resource policies.',
    shownBy: { experiment: 'secureStringNeedsKmsDecrypt' },
    domain: 'secure',
  },
  {
    question:
      'An IAM role has a policy allowing s3:* on a bucket and another policy denying s3:DeleteObject on the same bucket. What happens when the role calls DeleteObject?',
    choices: [
      'It is denied, because an explicit Deny overrides any Allow',
      'It is allowed, because the more specific bucket Allow wins',
      'It depends on which policy was attached last',
      'It is allowed, because Allow statements are evaluated first',
    ],
    answer: [0],
    explanation:
      'IAM evaluates every applicable policy; an explicit Deny anywhere ends the evaluation with a deny. Order and specificity do not matter.',
    shownBy: { experiment: 'explicitDenyWins' },
    domain: 'secure',
  },
  {
    question:
      'Developers may create IAM roles for their Lambda functions, but no role they create may ever do more than read from DynamoDB and write logs. Which feature enforces this?',
    choices: [
      'A permissions boundary that developers must attach to the roles they create',
      'An inline policy on each developer user',
      'A resource-based policy on the DynamoDB tables',
      'An IAM group for the developers',
    ],
    answer: [0],
    explanation:
      'A permissions boundary caps what a role’s policies can grant: an action needs an Allow in both. Requiring it (iam:PermissionsBoundary condition on iam:CreateRole) stops privilege escalation through new roles.',
    shownBy: { experiment: 'boundaryCapsRole' },
    domain: 'secure',
  },
  {
    question:
      'Each of 500 IAM users must have read and write access only to their own folder home/<user name>/ in one S3 bucket. What is the most maintainable solution?',
    choices: [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
      'One policy with the resource arn:aws:s3:::bucket/home/${aws:username}/* attached to a group of all the users',
      'One policy per user naming their folder',
      'A bucket policy with 500 statements',
      'One bucket per user',
    ],
    answer: [0],
    explanation:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
      'A policy variable is replaced by the caller’s value at evaluation time, so one policy serves every user ( ${aws:PrincipalTag/...} does the same for roles and session tags).',
    shownBy: { experiment: 'policyVariablePerTeam' },
    domain: 'secure',
  },
  {
    question:
      'Database credentials must be rotated automatically every 30 days without application downtime, and the application must always read the current password. Which service fits best?',
    choices: [
      'AWS Secrets Manager with a rotation schedule and a rotation Lambda function; the application reads AWSCURRENT',
      'Parameter Store SecureString parameters updated by a cron job on an EC2 instance',
      'A KMS key with automatic key rotation',
      'An environment variable on the Lambda function, changed by hand',
    ],
    answer: [0],
    explanation:
      'Secrets Manager rotates on a schedule through a function (createSecret, setSecret, testSecret, finishSecret) and moves AWSCURRENT only when the new value works. KMS key rotation changes key material, not the secret. It bills per secret-month; Parameter Store standard parameters are free but have no built-in rotation.',
    shownBy: { experiment: 'fourRotationSteps' },
    domain: 'secure',
  },
];
