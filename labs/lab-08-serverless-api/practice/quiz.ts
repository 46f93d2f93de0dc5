import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-08 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A team wants to send 10 % of the traffic of a Lambda-backed API to a new function version, and roll back at once if errors rise, without changing the API. What should they use?',
    choices: [
      'A second API Gateway stage for the new version, with Route 53 weighted records',
      'A Lambda alias with a routing configuration that gives the new version a weight of 0.1',
      'Two functions behind an Application Load Balancer with weighted target groups',
      'Reserved concurrency of 10 % on the new version',
    ],
    answer: [1],
    explanation:
      'An alias can name a second version with a weight; callers of the alias (here API Gateway) do not change, and a rollback sets the weight to 0. CodeDeploy automates the same shift for Lambda.',
    shownBy: { experiment: 'canarySplitsLiveAlias' },
    domain: 'developing',
  },
  {
    question:
      'One REST API has dev and prod stages. Each must call a different version of the same Lambda function, without duplicating the API definition. How?',
    choices: [
      'Deploy the API twice, once per function version',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text API Gateway substitutes at request time
      'Put ${stageVariables.alias} in the integration URI as the function qualifier, set the variable per stage, and allow API Gateway to invoke each alias',
      'Use a mapping template that rewrites the function name',
      'Give each stage its own usage plan',
    ],
    answer: [1],
    explanation:
      'A stage variable in the Lambda ARN of the integration selects the alias at request time; each alias needs its own resource-based permission for apigateway.amazonaws.com, because a permission on the function does not cover its aliases.',
    shownBy: { experiment: 'stageVariablePicksAlias' },
    domain: 'developing',
  },
  {
    question:
      'A developer edits the code of a Lambda function whose version 3 is published and used by the prod alias. Which statements are true? (choose two)',
    choices: [
      'Version 3 now runs the new code',
      'Only $LATEST has the new code until a new version is published',
      'The prod alias follows the change automatically',
      'Moving the prod alias to a newly published version 4 makes prod run the new code',
    ],
    answer: [1, 3],
    explanation:
      'Published versions are immutable snapshots; an alias keeps pointing at the version it names until it is moved.',
    shownBy: { experiment: 'versionsImmutableAliasesMove' },
    domain: 'developing',
  },
  {
    question:
      'A partner calls a REST API without sending an x-api-key header; the method requires an API key. What does the partner get?',
    choices: ['401 Unauthorized', '403 Forbidden', '429 Too Many Requests', '502 Bad Gateway'],
    answer: [1],
    explanation:
      'API Gateway refuses the request with 403 before the integration runs. Going over a usage plan rate or quota gives 429; keys are for metering and throttling, not for authorization.',
    shownBy: { challenge: 'free-for-all' },
    domain: 'secure',
  },
  {
    question:
      'A Lambda proxy integration returns HTTP 502 to clients, while the function logs show no error. What is the most likely cause?',
    choices: [
      'API Gateway has no permission to invoke the function',
      'The function returns a response that is not in the proxy format, for example a body that is an object instead of a string',
      'The usage plan quota is exhausted',
      'The stage cache is disabled',
    ],
    answer: [1],
    explanation:
      'A function that succeeded but returned the wrong shape gives 502 (as does a function error); a missing permission or a refused invocation gives 500, and an exhausted quota 429.',
    shownBy: { experiment: 'malformedProxyResponse502' },
    domain: 'developing',
  },
  {
    question:
      'A function that writes to a legacy database must never run more than 5 copies at once, whatever the traffic. What is the simplest way?',
    choices: [
      'Provisioned concurrency of 5',
      'Reserved concurrency of 5 on the function',
      'An API Gateway usage plan with a burst of 5',
      'A function timeout of 5 seconds',
    ],
    answer: [1],
    explanation:
      'Reserved concurrency is both a guarantee and a maximum: calls beyond it are throttled. Provisioned concurrency keeps environments warm but does not cap scaling, and a usage plan limits one API key, not the function.',
    shownBy: { experiment: 'reservedConcurrencyCaps' },
    domain: 'performing',
  },
];
