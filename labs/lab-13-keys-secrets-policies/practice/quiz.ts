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
  {
    question:
      'An administrator role in a member account has AdministratorAccess, but its calls to ec2:RunInstances in ap-south-1 are denied. Its own policies contain no Deny. What is the most likely cause?',
    choices: [
      {
        text: 'A service control policy on the account or its OU that does not allow that Region',
        right: true,
      },
      {
        text: 'A permissions boundary is needed before AdministratorAccess allows anything at all',
        wrong: 'a boundary only narrows a role; without one, its identity policies apply in full',
      },
      {
        text: 'The EC2 service-linked role in the account has not been created yet in that Region',
        wrong: 'a missing service-linked role gives a different error and is created on first use',
      },
      {
        text: 'AdministratorAccess excludes EC2 in opt-in Regions until the management account grants it',
        wrong: 'the managed policy allows every action everywhere; it has no Region exclusions',
      },
    ],
    explanation:
      'SCPs set the maximum permissions of member accounts: an action must be allowed by the SCPs above the account as well as by the principal’s policies. A Region restriction SCP denies every call outside its Regions, whatever the role allows.',
    shownBy: { guide: 'facts: service control policies' },
    domain: 'secure',
  },
  {
    question:
      'A role in account A has s3:GetObject on a bucket in account B. The bucket policy says nothing about account A. What happens when the role reads an object?',
    choices: [
      {
        text: 'Allowed: the role’s identity policy names the bucket and the action, which is enough',
        wrong: 'that is enough only inside one account; across accounts the bucket must allow too',
      },
      {
        text: 'Allowed if account B’s administrator has AdministratorAccess on the bucket',
        wrong: 'the rights of B’s administrator do not extend to principals of account A',
      },
      {
        text: 'Denied: across accounts the bucket policy must also allow the role or account A',
        right: true,
      },
      {
        text: 'Denied: cross-account reads need a role in account B, never a bucket policy',
        wrong: 'assuming a role in B is one way; a bucket policy that admits account A is another',
      },
    ],
    explanation:
      'For a request across accounts, both the identity policy in the caller’s account and the resource policy in the resource’s account must allow it. Within one account an Allow in either is enough.',
    shownBy: { guide: 'facts: cross-account evaluation' },
    domain: 'secure',
  },
  {
    question:
      'A database password must change every 30 days without downtime and be readable by an application in another account. Where should it be stored?',
    choices: [
      {
        text: 'A SecureString parameter in Parameter Store, rotated by an EventBridge Scheduler job',
        wrong: 'Parameter Store has no rotation or cross-account resource policy: both would be custom work',
      },
      {
        text: 'An S3 object encrypted with SSE-KMS, replaced by a Lambda function every 30 days',
        wrong: 'it works with code, but the staged rotation and the database update are left to you',
      },
      {
        text: 'A KMS key with automatic rotation set to every 30 days, holding the password itself',
        wrong: 'a KMS key does not store secrets; its rotation changes key material, not the password',
      },
      {
        text: 'Secrets Manager, with a rotation schedule and a resource policy for that account',
        right: true,
      },
    ],
    explanation:
      'Secrets Manager rotates a secret with a function on a schedule (staging labels keep the old version usable meanwhile) and shares it across accounts through a resource policy. Parameter Store has neither.',
    shownBy: { experiment: 'secretRotated' },
    domain: 'secure',
  },
  {
    question:
      'Data encrypted with a KMS key in us-east-1 is copied to eu-west-1 for disaster recovery. It must decrypt there even if us-east-1 is down. What should be used?',
    choices: [
      {
        text: 'A multi-Region primary key in us-east-1, replicated to eu-west-1',
        right: true,
      },
      {
        text: 'The same key, called from eu-west-1 through its us-east-1 ARN',
        wrong: 'every call still goes to us-east-1, which is the Region that is down',
      },
      {
        text: 'A new key in eu-west-1, imported with the same alias as the first',
        wrong: 'an alias is a name; two keys under one alias still have different material',
      },
      {
        text: 'An AWS managed key, since AWS keeps those keys in every Region',
        wrong: 'AWS managed keys are per Region and cannot be shared or replicated',
      },
    ],
    explanation:
      'Multi-Region keys share key id and key material, so a replica decrypts what the primary encrypted without calling the primary’s Region. A key must be created as multi-Region; a single-Region key cannot be converted.',
    shownBy: { guide: 'facts: multi-Region keys' },
    domain: 'resilient',
  },
];
