import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-13 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'An application must encrypt 50 MB files with a customer managed KMS key. Calls to KMS Encrypt fail. What should the developer do?',
    choices: [
      {
        text: 'Split the file into 4 KB chunks, call Encrypt for each chunk with the key, and store the ciphertexts in order',
        wrong: 'it works, but costs one KMS call per 4 KB (about 12,800 per file) and meets request quotas',
      },
      {
        text: 'Call GenerateDataKey, encrypt the file locally with the plaintext key, and store the encrypted key with it',
        right: true,
      },
      {
        text: 'Ask AWS Support to raise the Encrypt payload limit for the account',
        wrong: 'the 4 KB limit of Encrypt is fixed, not a quota that can be raised',
      },
      {
        text: 'Use an AWS managed key instead of a customer managed key',
        wrong: 'every KMS key has the same 4 KB limit on Encrypt',
      },
    ],
    explanation:
      'Encrypt takes at most 4 KB. Envelope encryption encrypts data of any size locally with a data key and keeps only the encrypted key; KMS decrypts that key later.',
    shownBy: { experiment: 'envelopeEncryption' },
    domain: 'developing',
  },
  {
    question:
      'A Lambda function reads a SecureString parameter with WithDecryption=true and gets AccessDeniedException, although its role allows ssm:GetParameter on the parameter. What is missing?',
    choices: [
      {
        text: 'ssm:DescribeParameters on every parameter (resource *)',
        wrong: 'it lists parameter metadata; reading a value does not need it',
      },
      {
        text: "secretsmanager:GetSecretValue on the parameter's ARN",
        wrong: 'that permission is for Secrets Manager secrets, not Parameter Store values',
      },
      {
        text: 'A resource-based policy on the parameter that allows the role',
        wrong: 'in one account the role policy already allows the read; the denial comes from the KMS key',
      },
      { text: 'kms:Decrypt on the KMS key that encrypts the parameter', right: true },
    ],
    explanation:
      'Parameter Store decrypts a SecureString with the caller’s permission on its KMS key: the role needs kms:Decrypt on that key (or a grant).',
    shownBy: { experiment: 'secureStringNeedsKmsDecrypt' },
    domain: 'secure',
  },
  {
    question:
      'An IAM role has a policy allowing s3:* on a bucket and another policy denying s3:DeleteObject on the same bucket. What happens when the role calls DeleteObject?',
    choices: [
      {
        text: 'It is allowed: the s3:* Allow on the bucket covers DeleteObject first',
        wrong: 'IAM evaluates every applicable policy in no order, and a Deny anywhere wins',
      },
      {
        text: 'It depends on which of the two policies was attached to the role last',
        wrong: 'attachment order plays no part in policy evaluation',
      },
      { text: 'It is denied, because an explicit Deny overrides any Allow', right: true },
      {
        text: 'It is allowed, because Allow statements are evaluated before Deny statements',
        wrong: 'there is no such order: an explicit Deny ends the evaluation whatever allows',
      },
    ],
    explanation:
      'IAM evaluates every applicable policy; an explicit Deny anywhere ends the evaluation with a deny. Order and specificity do not matter.',
    shownBy: { experiment: 'explicitDenyWins' },
    domain: 'secure',
  },
  {
    question:
      'Developers may create IAM roles for their Lambda functions, but no role they create may ever do more than read from DynamoDB and write logs. Which feature enforces this?',
    choices: [
      { text: 'A permissions boundary that developers must attach to the roles they create', right: true },
      {
        text: 'An inline policy on each developer user that allows only DynamoDB reads and logs',
        wrong: 'it limits what developers may call themselves, not what the roles they create may grant',
      },
      {
        text: 'A resource-based policy on each DynamoDB table that allows only reads',
        wrong: 'it governs the tables only; a new role could still do anything elsewhere',
      },
      {
        text: 'An IAM group for the developers with a policy that denies iam:*',
        wrong: 'developers could then create no roles at all',
      },
    ],
    explanation:
      'A permissions boundary caps what a role’s policies can grant: an action needs an Allow in both. Requiring it (iam:PermissionsBoundary condition on iam:CreateRole) stops privilege escalation through new roles.',
    shownBy: { experiment: 'boundaryCapsRole' },
    domain: 'secure',
  },
  {
    question:
      'Each of 500 IAM users must have read and write access only to their own folder home/<user name>/ in one S3 bucket. What is the most maintainable solution?',
    choices: [
      {
        text: 'One customer managed policy per user that names their folder, attached to each of the 500 users',
        wrong: 'it works, but it is 500 policies to create and keep in step with the users',
      },
      {
        text: "A bucket policy with one statement per user, naming each user's folder",
        wrong: 'it must change with every user, and 500 statements exceed the 20 KB size of a bucket policy',
      },
      {
        text: 'One bucket per user, with a bucket policy that admits only that user',
        wrong: 'it is 500 buckets to create and govern, where one policy with a variable does it',
      },
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, replaced by IAM, not by JavaScript
        text: 'One policy on arn:aws:s3:::bucket/home/${aws:username}/*, attached to a group of all the users',
        right: true,
      },
    ],
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
      {
        text: 'Parameter Store SecureString parameters, rewritten by a cron job on an EC2 instance, read by the application at start',
        wrong: 'no built-in rotation: a server to run, and the password change is not tested before use',
      },
      {
        text: 'AWS Secrets Manager with a rotation schedule and a rotation Lambda function; the application reads AWSCURRENT',
        right: true,
      },
      {
        text: 'A KMS key with automatic key rotation, used to encrypt the database password',
        wrong: 'key rotation changes the key material, not the password',
      },
      {
        text: 'An environment variable on the Lambda function, changed by hand every 30 days',
        wrong: 'nothing about it is automatic, and each change is a function update',
      },
    ],
    explanation:
      'Secrets Manager rotates on a schedule through a function (createSecret, setSecret, testSecret, finishSecret) and moves AWSCURRENT only when the new value works. It bills per secret-month; Parameter Store standard parameters are free but have no built-in rotation.',
    shownBy: { experiment: 'fourRotationSteps' },
    domain: 'secure',
  },
];
