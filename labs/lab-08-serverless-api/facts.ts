import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const VERSIONS = 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html';
const ALIASES = 'https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html';
const STAGE_VARIABLES = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html';
const USAGE_PLANS =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html';
const THROTTLING =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html';
const PROXY_ERRORS = 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html';
const RESERVED = 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html';
const CACHING = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html';
const PROVISIONED = 'https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html';
const HTTP_VS_REST = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html';
const LAMBDA_AUTHORIZER =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html';
const COGNITO_AUTHORIZER =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html';

/** The exam facts lab-08 teaches: each with its notes, the AWS docs it was checked against, and its proof. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'A published Lambda version is an immutable snapshot of code and configuration ($LATEST is the only one you edit); an alias is a named pointer that you move to another version at once',
    notes:
      '`002_b4197942c38b97e3.txt` - Versions: $LATEST is mutable, V1, V2 immutable; aliases are mutable pointers',
    sources: [VERSIONS],
    experiments: ['versionsImmutableAliasesMove'],
    templateTests: ['two published versions; next points at release 2'],
  },
  {
    fact: 'An alias can split invocations between two versions by weight (routing configuration): a canary release without a second endpoint',
    notes: '`002_b4197942c38b97e3.txt` - Versions: weight % of invocations using the alias as a router',
    sources: [ALIASES],
    experiments: ['canarySplitsLiveAlias'],
    templateTests: ['the live alias sends 10 % of its invocations to release 2'],
  },
  {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text API Gateway substitutes at request time
    fact: 'A stage variable in the integration URI picks the Lambda alias per stage (`function:<name>:${stageVariables.lambdaAlias}`); changing the variable changes what the stage calls without a new deployment, and each alias needs its own permission for API Gateway',
    notes:
      '`002_b4197942c38b97e3.txt` - API Gateway: use stage variables to invoke the right Lambda (via aliases); a stage is an environment',
    sources: [STAGE_VARIABLES],
    experiments: ['stageVariablePicksAlias'],
    templateTests: [
      'the integration calls the alias named by the stage variable; prod says live, beta says next',
      'API Gateway may invoke each alias, from this API only',
    ],
  },
  {
    fact: 'API keys identify clients, not callers to trust: a method that requires a key answers 403 without one; a usage plan throttles (rate and burst) and meters (quota) per key, answering 429 when a key goes over',
    notes:
      '`002_b4197942c38b97e3.txt` - API Gateway: API keys, request throttling (overall / burst); `003_4fb32c6148cb8c93.txt` - REST API: API keys, per-client throttles',
    sources: [USAGE_PLANS],
    experiments: ['apiKeyRequired', 'usagePlanThrottlesTrialKey'],
    templateTests: [
      'every method requires an API key; two usage plans throttle per key, the trial one with a quota',
    ],
  },
  {
    fact: 'Throttling applies in layers: the account limit per Region, then the stage and per-method limits, then the usage plan limits per key; a request over any of them gets 429 Too Many Requests',
    notes: '`003_4fb32c6148cb8c93.txt` - REST API: per-client throttles',
    sources: [THROTTLING],
    experiments: ['betaStageThrottlesMethod', 'usagePlanThrottlesTrialKey'],
    templateTests: ['the beta stage throttles GET /hello at 2 requests per second'],
  },
  {
    fact: 'With a Lambda proxy integration the function must return `statusCode` and a string `body`; a response in another shape, or a function error, makes API Gateway answer 502 (a rejected invocation, 500)',
    notes: '`003_4fb32c6148cb8c93.txt` - "Lambda proxy integration" to send the event as structured JSON',
    sources: [PROXY_ERRORS],
    experiments: ['malformedProxyResponse502'],
  },
  {
    fact: 'Reserved concurrency guarantees a function that many concurrent executions and is also its maximum: calls beyond it are throttled (429 TooManyRequestsException), synchronous ones fail at once',
    notes:
      '`002_b4197942c38b97e3.txt` - Concurrency: reserved concurrency at the function level; sync invocations will fail',
    sources: [RESERVED],
    experiments: ['reservedConcurrencyCaps'],
    templateTests: ['the limited function reserves 1 concurrent execution'],
    remark:
      "on AWS the account's concurrency quota must leave 100 unreserved; on MiniStack the kit puts the setting (its CloudFormation drops it)",
  },
  {
    fact: 'An API cache belongs to a stage, is billed by the hour while it exists (0.5 GB: about $0.02 an hour), and is turned on per method; clients can ask for a fresh answer with Cache-Control: max-age=0 only when allowed',
    notes:
      '`002_b4197942c38b97e3.txt` - API Gateway: cache is defined at stage level; Cache-Control: max-age=0',
    sources: [CACHING],
    templateTests: ['-c apiCache=true adds a 0.5 GB cache to prod, for GET /cached only'],
    remark: 'opt-in (-c apiCache=true) because it bills by the hour; no experiment reads it',
  },
  {
    fact: 'Provisioned concurrency keeps a chosen number of execution environments initialised for a version or alias (never $LATEST), so calls up to that number start without a cold start; it is billed for as long as it is configured, and Application Auto Scaling can schedule or track it',
    notes: '`002_b4197942c38b97e3.txt` - Concurrency (provisioned concurrency)',
    sources: [PROVISIONED],
    remark:
      'not shown here: it bills for every hour it is configured, and the cold start of the small greeter is too short and noisy to measure reliably',
  },
  {
    fact: 'HTTP APIs cost less and do less: no API keys, usage plans or per-client throttling, no API cache, no request validation, no AWS WAF and no private endpoints; this lab needs a REST API for its keys, usage plans and stage cache',
    notes: 'not in the notes (HTTP API vs REST API)',
    sources: [HTTP_VS_REST],
    remark: 'the lab builds a REST API only; no HTTP API is deployed to compare',
  },
  {
    fact: 'A Lambda authorizer (token or request parameters) runs your function, which returns an IAM policy that API Gateway caches per identity (300 s by default, up to an hour); a Cognito user pool authorizer checks the pool’s tokens with no code of yours; either way a refused request never reaches the integration',
    notes: '`003_4fb32c6148cb8c93.txt` - REST API (authorizers are not in the notes)',
    sources: [LAMBDA_AUTHORIZER, COGNITO_AUTHORIZER],
    remark:
      'not shown here: the lab identifies clients by API key only, which is not authorization; an authorizer would need a user pool or a token issuer to test against',
  },
];
