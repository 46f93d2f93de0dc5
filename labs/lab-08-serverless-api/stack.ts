import { Aws, CfnOutput, CustomResource, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { readApiCache } from './options';
import type { Output } from './outputs';

/** Share of the `live` alias's invocations that go to the new version (release 2). */
export const CANARY_WEIGHT = 0.1;
/** The stage variable that names the Lambda alias a stage calls, and its value per stage. */
export const ALIAS_VARIABLE = 'lambdaAlias';
export const STAGES = {
  prod: { alias: 'live' },
  beta: { alias: 'next' },
} as const;
/** Limits of the two usage plans (requests per second, burst, and a daily quota). */
export const STANDARD_PLAN = { rateLimit: 500, burstLimit: 200 };
export const TRIAL_PLAN = { rateLimit: 1, burstLimit: 1, quotaPerDay: 500 };
/** Method throttling of GET /hello on the beta stage (it overrides the stage default). */
export const BETA_HELLO_THROTTLE = { rateLimit: 2, burstLimit: 2 };
/** Concurrent executions reserved for (and the most allowed to) the limited function. */
export const LIMITED_CONCURRENCY = 1;
/** How long one call of the limited function holds its execution environment. */
export const LIMITED_HOLD = Duration.seconds(2);

/**
 * lab-08 Serverless API: API Gateway stages, Lambda versions and aliases.
 *
 * A REST API (API Gateway v1) with two stages, prod and beta; each stage's `lambdaAlias` variable
 * picks the alias of the greeter function that its integration calls (`live` or `next`). Two
 * published versions of the greeter: `next` points at release 2, `live` at release 1 with
 * {@link CANARY_WEIGHT} of its traffic on release 2 (a weighted alias, the canary). Every method
 * needs an API key; a standard and a trial usage plan throttle per key (the trial one with a daily
 * quota), and the beta stage throttles GET /hello on its own. A second function has a reserved
 * concurrency of 1. With `-c apiCache=true` the prod stage gets a 0.5 GB cache for GET /cached.
 */
export class ServerlessApiStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const apiCache = readApiCache(this.node);

    const greeter = new LabFunction(this, 'Greeter', {
      handlerFolder: 'lab-08/greeter',
      description: 'lab-08: release 1 of the greeter',
      memorySize: 128,
    });

    // Release 1 is published from the function as the template defines it. Lambda publishes a new
    // version only after a change, so a custom resource changes the description in between (the
    // code stays the same: the version number is what the experiments count).
    const release1 = new lambda.Version(this, 'Release1', {
      lambda: greeter.function,
      description: 'release 1',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const marker = new LabFunction(this, 'ReleaseMarker', {
      handlerFolder: 'lab-08/release-marker',
      description: 'lab-08: changes the greeter description so that Lambda publishes release 2',
      timeout: Duration.seconds(90),
    });
    marker.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:UpdateFunctionConfiguration', 'lambda:GetFunctionConfiguration'],
        resources: [greeter.function.functionArn],
      }),
    );
    const markRelease2 = new CustomResource(this, 'MarkRelease2', {
      serviceToken: marker.function.functionArn,
      resourceType: 'Custom::LambdaReleaseMarker',
      properties: {
        FunctionName: greeter.function.functionName,
        Description: 'lab-08: release 2 of the greeter',
      },
    });
    markRelease2.node.addDependency(release1);
    const release2 = new lambda.Version(this, 'Release2', {
      lambda: greeter.function,
      description: 'release 2',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    release2.node.addDependency(markRelease2);

    // Aliases are movable names for versions; `live` sends a share of its calls to release 2.
    const live = new lambda.Alias(this, 'LiveAlias', {
      aliasName: STAGES.prod.alias,
      version: release1,
      additionalVersions: [{ version: release2, weight: CANARY_WEIGHT }],
    });
    const next = new lambda.Alias(this, 'NextAlias', { aliasName: STAGES.beta.alias, version: release2 });

    // deploy: true makes the CDK name the deployment after the methods' configuration, so a
    // changed method gets a new deployment (a stage serves a snapshot, not the live methods).
    const api = new apigateway.RestApi(this, 'Api', {
      restApiName: `${id}-greeter`,
      description: 'lab-08: stages pick a Lambda alias through a stage variable',
      deploy: true,
      retainDeployments: false,
      deployOptions: {
        stageName: 'prod',
        variables: { [ALIAS_VARIABLE]: STAGES.prod.alias },
        ...(apiCache
          ? {
              cacheClusterEnabled: true,
              cacheClusterSize: '0.5',
              methodOptions: {
                '/cached/GET': {
                  cachingEnabled: true,
                  cacheTtl: Duration.seconds(60),
                  cacheDataEncrypted: true,
                },
              },
            }
          : {}),
      },
      // The account-level CloudWatch role is one per account and Region, and outlives any stack.
      cloudWatchRole: false,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      apiKeySourceType: apigateway.ApiKeySourceType.HEADER,
    });
    // Lambda proxy integration with the alias taken from the stage variable at request time.
    const integration = new apigateway.Integration({
      type: apigateway.IntegrationType.AWS_PROXY,
      integrationHttpMethod: 'POST',
      uri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:lambda:path/2015-03-31/functions/${greeter.function.functionArn}:\${stageVariables.${ALIAS_VARIABLE}}/invocations`,
    });
    for (const path of ['hello', 'malformed', 'cached'])
      api.root.addResource(path).addMethod('GET', integration, { apiKeyRequired: true });
    for (const [alias, name] of [
      [live, 'Live'],
      [next, 'Next'],
    ] as const) {
      alias.addPermission(`InvokeFromApi${name}`, {
        principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: api.arnForExecuteApi('GET', '/*', '*'),
      });
    }

    const prod = api.deploymentStage;
    const beta = new apigateway.Stage(this, 'BetaStage', {
      deployment: api.latestDeployment as apigateway.Deployment,
      stageName: 'beta',
      variables: { [ALIAS_VARIABLE]: STAGES.beta.alias },
      methodOptions: {
        '/hello/GET': {
          throttlingRateLimit: BETA_HELLO_THROTTLE.rateLimit,
          throttlingBurstLimit: BETA_HELLO_THROTTLE.burstLimit,
        },
      },
    });
    for (const stage of [prod, beta]) {
      Validations.of(stage).acknowledge(
        {
          id: 'AwsSolutions-APIG1',
          reason:
            'Access logging needs the account-level API Gateway CloudWatch role, one per account and Region that outlives any stack; the lab leaves nothing behind, so it logs nothing.',
        },
        {
          id: 'AwsSolutions-APIG6',
          reason:
            'Execution logging needs the account-level API Gateway CloudWatch role, one per account and Region that outlives any stack; the experiments read HTTP answers instead.',
        },
        {
          id: 'AwsSolutions-APIG3',
          reason:
            'AWS WAF bills per web ACL and rule each month, more than the lab itself; usage plans and throttling are what the lab shows.',
        },
      );
    }

    const standardKey = new apigateway.ApiKey(this, 'StandardKey', {
      description: 'lab-08: the standard client',
    });
    const trialKey = new apigateway.ApiKey(this, 'TrialKey', { description: 'lab-08: the trial client' });
    const standard = new apigateway.UsagePlan(this, 'StandardPlan', {
      description: 'lab-08: standard clients',
      throttle: STANDARD_PLAN,
      apiStages: [
        { api, stage: prod },
        { api, stage: beta },
      ],
    });
    standard.addApiKey(standardKey);
    const trial = new apigateway.UsagePlan(this, 'TrialPlan', {
      description: 'lab-08: trial clients, slow and with a daily quota',
      throttle: { rateLimit: TRIAL_PLAN.rateLimit, burstLimit: TRIAL_PLAN.burstLimit },
      quota: { limit: TRIAL_PLAN.quotaPerDay, period: apigateway.Period.DAY },
      apiStages: [{ api, stage: prod }],
    });
    trial.addApiKey(trialKey);

    Validations.of(api).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'The methods take no body or parameters to validate: each is a GET whose answer depends on the path only.',
      },
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'Clients are identified by API keys and usage plans, which is what the lab teaches; keys are not authorization, and the API serves only test greetings.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          'No Cognito user pool: clients are identified by API keys and usage plans, which is what the lab teaches.',
      },
    );

    // A function that may run only once at a time: the second concurrent call is throttled.
    const limited = new LabFunction(this, 'Limited', {
      handlerFolder: 'lab-08/greeter',
      description: `lab-08: reserved concurrency ${LIMITED_CONCURRENCY}, each call holds it ${LIMITED_HOLD.toSeconds()} s`,
      environment: { HOLD_MS: String(LIMITED_HOLD.toMilliseconds()) },
      memorySize: 128,
    });
    (limited.function.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions =
      LIMITED_CONCURRENCY;

    const outputs: Record<Output, string> = {
      RestApiId: api.restApiId,
      ProdStageName: prod.stageName,
      BetaStageName: beta.stageName,
      GreeterFunctionName: greeter.function.functionName,
      Release1Version: release1.version,
      Release2Version: release2.version,
      LiveAliasName: STAGES.prod.alias,
      NextAliasName: STAGES.beta.alias,
      StandardKeyId: standardKey.keyId,
      TrialKeyId: trialKey.keyId,
      LimitedFunctionName: limited.function.functionName,
      ApiCache: String(apiCache),
      StandardPlanId: standard.usagePlanId,
      TrialPlanId: trial.usagePlanId,
      ProdUrl: prod.urlForPath('/'),
      BetaUrl: beta.urlForPath('/'),
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
