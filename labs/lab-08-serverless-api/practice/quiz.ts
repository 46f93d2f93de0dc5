import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-08 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A team wants to send 10 % of the traffic of a Lambda-backed API to a new function version, and roll back at once if errors rise, without changing the API. What should they use?',
    choices: [
      {
        text: 'A Lambda alias with a routing configuration that gives the new version a weight of 0.1',
        right: true,
      },
      {
        text: 'A second API Gateway stage for the new version, with Route 53 weighted records for the two stages',
        wrong: 'it changes the API and DNS, and cached DNS answers make a rollback slow',
      },
      {
        text: 'Two functions behind an Application Load Balancer with weighted target groups instead of the integration',
        wrong: 'it replaces the API integration, which was to stay unchanged',
      },
      {
        text: 'Reserved concurrency of 10 % of the account limit on the new version',
        wrong: "reserved concurrency caps a function's parallel runs; it routes no traffic",
      },
    ],
    explanation:
      'An alias can name a second version with a weight; callers of the alias (here API Gateway) do not change, and a rollback sets the weight to 0. CodeDeploy automates the same shift for Lambda.',
    shownBy: { experiment: 'canarySplitsLiveAlias' },
    domain: 'developing',
  },
  {
    question:
      'One REST API has dev and prod stages. Each must call a different version of the same Lambda function, without duplicating the API definition. How?',
    choices: [
      {
        text: 'Deploy the API definition twice, as two separate REST APIs, each with an integration that points at one published version',
        wrong: 'it duplicates the API definition, which was to be avoided',
      },
      {
        text: "Use a mapping template in the integration request that rewrites the function name to the stage's version",
        wrong:
          'a mapping template transforms the request payload, not which function the integration invokes',
      },
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text API Gateway substitutes at request time
        text: 'Put ${stageVariables.alias} as the qualifier in the integration URI, set it per stage, and allow API Gateway to invoke each alias',
        right: true,
      },
      {
        text: 'Give each stage its own usage plan and API key, and let the function pick its version from the key',
        wrong: 'a running function cannot choose which of its versions runs; usage plans meter and throttle',
      },
    ],
    explanation:
      'A stage variable in the Lambda ARN of the integration selects the alias at request time; each alias needs its own resource-based permission for apigateway.amazonaws.com, because a permission on the function does not cover its aliases.',
    shownBy: { experiment: 'stageVariablePicksAlias' },
    domain: 'developing',
  },
  {
    question:
      'A developer edits the code of a Lambda function whose version 3 is published and used by the prod alias. Which two statements are true?',
    choices: [
      {
        text: 'Version 3 now runs the new code',
        wrong: 'published versions are immutable snapshots of code and configuration',
      },
      { text: 'Only $LATEST has the new code until a new version is published', right: true },
      {
        text: 'The prod alias follows the change automatically',
        wrong: 'an alias keeps pointing at the version it names until it is moved',
      },
      {
        text: 'Moving the prod alias to a newly published version 4 makes prod run the new code',
        right: true,
      },
    ],
    explanation:
      'Published versions are immutable snapshots; an alias keeps pointing at the version it names until it is moved.',
    shownBy: { experiment: 'versionsImmutableAliasesMove' },
    domain: 'developing',
  },
  {
    question:
      'A partner calls a REST API without sending an x-api-key header; the method requires an API key. What does the partner get?',
    choices: [
      {
        text: '401 Unauthorized',
        wrong: 'API Gateway gives 401 when an authorizer token is missing, not an API key',
      },
      {
        text: '429 Too Many Requests',
        wrong: "that is for going over a usage plan's rate or quota, with a valid key",
      },
      {
        text: '502 Bad Gateway',
        wrong:
          'that is for an integration that fails or answers in a bad shape; this request never reaches it',
      },
      { text: '403 Forbidden', right: true },
    ],
    explanation:
      'API Gateway refuses the request with 403 before the integration runs. Keys are for metering and throttling, not for authorization.',
    shownBy: { challenge: 'free-for-all' },
    domain: 'secure',
  },
  {
    question:
      'A Lambda proxy integration returns HTTP 502 to clients, while the function logs show no error. What is the most likely cause?',
    choices: [
      {
        text: 'API Gateway has no permission to invoke the function, so the call is refused before the function runs',
        wrong: 'a refused invocation gives 500, not 502',
      },
      {
        text: 'The function returns a body that is an object instead of a string, not the proxy format',
        right: true,
      },
      {
        text: 'The usage plan quota of the calling API key is exhausted for this period',
        wrong: 'an exhausted quota gives 429 before the integration runs',
      },
      {
        text: 'The stage cache is disabled on the stage that the client calls',
        wrong: 'caching is optional: without it every request simply reaches the function',
      },
    ],
    explanation:
      'A function that succeeded but returned the wrong shape gives 502 (as does a function error).',
    shownBy: { experiment: 'malformedProxyResponse502' },
    domain: 'developing',
  },
  {
    question:
      'A function that writes to a legacy database must never run more than 5 copies at once, whatever the traffic. What is the simplest way?',
    choices: [
      {
        text: "Provisioned concurrency of 5 on the function's alias",
        wrong: 'it keeps 5 environments warm but does not cap scaling beyond them',
      },
      {
        text: 'An API Gateway usage plan with a rate of 5 and a burst of 5',
        wrong: 'it limits requests per second per API key, not copies of the function',
      },
      {
        text: 'A function timeout of 5 seconds, so that copies finish sooner',
        wrong: 'a timeout bounds how long each copy runs, not how many run',
      },
      { text: 'Reserved concurrency of 5 on the function', right: true },
    ],
    explanation: 'Reserved concurrency is both a guarantee and a maximum: calls beyond it are throttled.',
    shownBy: { experiment: 'reservedConcurrencyCaps' },
    domain: 'performing',
  },
  {
    question:
      'A payment API on Lambda has slow first requests after quiet periods, and every morning at 9:00 traffic jumps tenfold. The team wants fast starts then without paying all day. What do you configure?',
    choices: [
      {
        text: 'Reserved concurrency on $LATEST, raised each morning by a cron job',
        wrong: 'reserved concurrency caps and guarantees capacity; it initialises nothing',
      },
      {
        text: 'More memory for the function, so that its init code runs faster',
        wrong: 'it may shorten a cold start but never removes it, and bills on every call',
      },
      {
        text: 'Provisioned concurrency on an alias, scheduled with Application Auto Scaling',
        right: true,
      },
      {
        text: 'A scheduled rule that invokes $LATEST once a minute so that it stays warm all day',
        wrong: 'one warm environment does not cover a tenfold burst of concurrent calls',
      },
    ],
    explanation:
      'Provisioned concurrency keeps environments initialised on a version or alias, and a schedule limits the hours it bills. Reserved concurrency and memory do not pre-initialise anything; pinging keeps at most a few environments warm.',
    shownBy: { guide: 'Exam facts' },
    domain: 'performing',
  },
  {
    question:
      'A partner API must give each client key its own rate limit and daily quota, and cache answers for 60 seconds. Which API Gateway product fits?',
    choices: [
      {
        text: 'An HTTP API with a JWT authorizer for each client app',
        wrong: 'HTTP APIs have no usage plans, API keys or cache',
      },
      {
        text: 'A REST API with usage plans and a stage cache',
        right: true,
      },
      {
        text: 'An HTTP API with route throttling per client',
        wrong: 'route throttling is per route, not per client key',
      },
      {
        text: 'A WebSocket API with a quota per connection',
        wrong: 'WebSocket APIs have no usage plans or cache',
      },
    ],
    explanation:
      'API keys, usage plans (per-key throttling and quotas) and caching are REST API features; HTTP APIs trade them for a lower price.',
    shownBy: { guide: 'Exam facts' },
    domain: 'developing',
  },
  {
    question:
      'Mobile users sign in with a Cognito user pool. The REST API must accept only requests with a valid token from that pool, without writing code. What do you add?',
    choices: [
      {
        text: 'A Lambda authorizer that decodes the token and returns a policy',
        wrong: 'it works, but it is code to write and run, which the team wants to avoid',
      },
      {
        text: 'An API key per user, held in a usage plan of the stage',
        wrong: 'API keys identify clients for metering; they are not authorization',
      },
      {
        text: 'A resource policy that allows the user pool as principal',
        wrong: 'a user pool is not an IAM principal a resource policy can name',
      },
      {
        text: 'A Cognito user pool authorizer on the methods',
        right: true,
      },
    ],
    explanation:
      'A Cognito user pool authorizer validates the pool’s tokens with no code. A Lambda authorizer can do the same with code; API keys and resource policies do not check user tokens.',
    shownBy: { guide: 'Exam facts' },
    domain: 'secure',
  },
];
