import type { Challenge } from '../../../lib/practice/challenges';

const NO_KEY = 'Refuse a request without an API key';
const TRIAL = "Throttle the trial key over its usage plan's rate";
const ALIASES = 'Keep published versions immutable while aliases move';

/**
 * lab-08's break-fix exercises. Each breaks one setting in stack.ts; experiments that run on
 * MiniStack as well as on AWS judge the fix.
 */
export const challenges: Challenge[] = [
  {
    name: 'free-for-all',
    scenario:
      'API keys are enforced per method (apiKeyRequired) and a key counts only in a usage plan of the stage; a new deployment publishes method changes to a stage',
    symptom:
      'Finance reports that the greeting API is being called by clients that have no contract: the calls carry no x-api-key header ' +
      'at all, and they are answered like everybody else. The usage plans and keys are unchanged.',
    break: [
      {
        find: "api.root.addResource(path).addMethod('GET', integration, { apiKeyRequired: true }),",
        replace: "api.root.addResource(path).addMethod('GET', integration, { apiKeyRequired: false }),",
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
        'Set apiKeyRequired back to true in the addMethod call, then npx labs deploy lab-08 (the deployment changes with the methods).',
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
    name: 'beta-on-old-release',
    scenario:
      'Aliases are pointers to published versions; the version behind an alias is changed by moving the alias',
    symptom:
      'The beta testers say they still get the old greeting service: whatever they do, the answers come from the release that prod ' +
      'has been running for weeks. Nobody changed the beta stage.',
    break: [
      {
        find: "new lambda.Alias(this, 'NextAlias', { aliasName: STAGES.beta.alias, version: release2 });",
        replace: "new lambda.Alias(this, 'NextAlias', { aliasName: STAGES.beta.alias, version: release1 });",
      },
    ],
    checks: [ALIASES],
    hints: [
      'The beta stage is unchanged and still calls the same alias: what does that alias resolve to?',
      'Look at the aliases of the greeter function (aws lambda list-aliases), or the NextAlias in stack.ts.',
      'An alias names one version (plus a weighted second one); the next alias points at release 1 instead of release 2. Moving it is one call, no new deployment of the API.',
    ],
    fix: {
      cli: 'aws lambda update-alias --function-name $GreeterFunctionName --name $NextAliasName --function-version $Release2Version > /dev/null',
      stack: 'Point the next alias at release2 again (version: release2), then npx labs deploy lab-08.',
    },
  },
];
