import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

const NO_KEY = 'apiKeyRequired';
const TRIAL = 'usagePlanThrottlesTrialKey';

/**
 * lab-08's break-fix exercises. Each breaks one setting in stack.ts; experiments that run on
 * MiniStack as well as on AWS judge the fix. (A fault in an alias's version is not among them:
 * MiniStack 1.5.33's CloudFormation does not update an alias whose FunctionVersion moves from one
 * AWS::Lambda::Version to another, so the stack fix could not be proven there.)
 */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'free-for-all',
    scenario:
      'API keys are enforced per method (apiKeyRequired) and a key counts only in a usage plan of the stage; a new deployment publishes method changes to a stage',
    symptom:
      'Finance reports that the greeting API is being called by clients that have no contract: the calls carry no x-api-key header ' +
      'at all, and they are answered like everybody else. The usage plans and keys are unchanged.',
    break: [
      {
        find: "api.root.addResource(path).addMethod('GET', integration, { apiKeyRequired: true });",
        replace: "api.root.addResource(path).addMethod('GET', integration, { apiKeyRequired: false });",
      },
    ],
    checks: [NO_KEY],
    hints: [
      'The keys still exist and still throttle whoever sends one: what decides whether a request without any key is let in?',
      'Look at the methods of the API (aws apigateway get-resources --embed methods, apiKeyRequired), or the addMethod call in stack.ts.',
      'A usage plan applies only to methods that require a key; a method with apiKeyRequired false serves anyone, and a method change reaches a stage only with a new deployment.',
    ],
    fix: {
      cli: [
        `for id in $(aws apigateway get-resources --rest-api-id $RestApiId --query "items[?path!='/'].id" --output text); do`,
        '  aws apigateway update-method --rest-api-id $RestApiId --resource-id $id --http-method GET --patch-operations op=replace,path=/apiKeyRequired,value=true > /dev/null',
        'done',
        'aws apigateway create-deployment --rest-api-id $RestApiId --stage-name $ProdStageName > /dev/null',
        'aws apigateway create-deployment --rest-api-id $RestApiId --stage-name $BetaStageName > /dev/null',
      ].join('\n'),
      stack:
        'Set apiKeyRequired back to true in the addMethod call, then npx labs deploy lab-08 (with deploy: true the CDK creates a new deployment when a method changes).',
    },
  },
  {
    name: 'trial-without-limits',
    scenario: 'Usage plans throttle per API key: each plan has its own rate and burst (and quota)',
    symptom:
      'The trial client, who is meant to be slowed down, ran a load test against prod yesterday and none of its requests was refused; ' +
      'clients without a key are still turned away.',
    break: [
      {
        find: 'throttle: { rateLimit: TRIAL_PLAN.rateLimit, burstLimit: TRIAL_PLAN.burstLimit },',
        replace: 'throttle: STANDARD_PLAN,',
      },
    ],
    checks: [TRIAL],
    hints: [
      'Only one client lost its limits: where are limits set per client?',
      'Compare the two usage plans (aws apigateway get-usage-plans: throttle), or the trial plan in stack.ts.',
      'Each usage plan throttles the keys it holds with its own rate and burst; the trial plan now has the standard limits.',
    ],
    fix: {
      cli: 'aws apigateway update-usage-plan --usage-plan-id $TrialPlanId --patch-operations op=replace,path=/throttle/rateLimit,value=1 op=replace,path=/throttle/burstLimit,value=1 > /dev/null',
      stack:
        'Give the trial plan its own limits again (throttle: { rateLimit: TRIAL_PLAN.rateLimit, burstLimit: TRIAL_PLAN.burstLimit }), then npx labs deploy lab-08.',
    },
  },
  {
    name: 'paying-client-refused',
    scenario:
      'An API key opens a method only through a usage plan that holds the key and lists the stage; an enabled key on its own is refused',
    symptom:
      'Since the last release the main paying client gets 403 Forbidden on every call, although they send the key we gave them ' +
      'and the key is enabled. The trial client is served as before.',
    break: [{ find: '    standard.addApiKey(standardKey);\n', replace: '' }],
    checks: [NO_KEY],
    hints: [
      'The key exists and is enabled, and another key still works: what must hold a key before API Gateway accepts it on a stage?',
      'Compare the keys of the two usage plans (aws apigateway get-usage-plan-keys --usage-plan-id ...), or the usage plans in stack.ts.',
      'API Gateway accepts a key only when a usage plan associated with the stage holds it; the standard key is in no plan any more.',
    ],
    fix: {
      cli: 'aws apigateway create-usage-plan-key --usage-plan-id $StandardPlanId --key-id $StandardKeyId --key-type API_KEY > /dev/null',
      stack:
        'Add the standard key to the standard plan again (standard.addApiKey(standardKey)), then npx labs deploy lab-08.',
    },
  },
];
