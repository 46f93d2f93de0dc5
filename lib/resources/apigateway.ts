import { PRICES, type PriceKey } from '../cost/prices';
import { DELETED_WITH_STACK, gone, partOf, referencedId } from './support';
import { type ClientConfig, defineService } from './types';

async function apiGatewayClient(config: ClientConfig) {
  const { APIGatewayClient } = await import('@aws-sdk/client-api-gateway');
  return new APIGatewayClient(config);
}

const PART_OF_API = partOf('REST API');

/** Amazon API Gateway (REST APIs, v1): APIs, their deployments and stages, API keys and usage plans. */
export const apigateway = defineService({
  prefix: 'AWS::ApiGateway',
  types: {
    'AWS::ApiGateway::RestApi': {
      price: {
        usage:
          'API Gateway REST APIs: $3.50 per million requests (first 333 million a month); accounts opened before 15 July 2025 get 1 million free a month in their first 12 months, newer ones free-plan credits instead',
      },
      diagram: { node: { label: 'API Gateway REST API', group: 'Edge', internet: () => 'HTTPS, x-api-key' } },
      leftovers: {
        exists: async (id, config) => {
          const { GetRestApiCommand } = await import('@aws-sdk/client-api-gateway');
          const client = await apiGatewayClient(config);
          return !(await gone(() => client.send(new GetRestApiCommand({ restApiId: id }))));
        },
      },
    },
    'AWS::ApiGateway::Resource': {
      price: { free: 'a path of the API' },
      diagram: { hidden: 'a path of its REST API' },
      leftovers: { cannotOutlive: PART_OF_API },
    },
    'AWS::ApiGateway::Method': {
      price: { free: 'a method of the API (requests are priced with the API)' },
      diagram: {
        hidden: 'drawn as the edge from its REST API to the function it integrates with',
        edges: (_id, props) => {
          const api = referencedId(props.RestApiId);
          const uri = JSON.stringify((props.Integration as { Uri?: unknown } | undefined)?.Uri ?? '');
          const fn = /"Fn::GetAtt":\["([A-Za-z0-9]+)","Arn"\]/.exec(uri)?.[1];
          return api && fn
            ? [{ from: api, to: fn, label: 'Lambda proxy (alias from a stage variable)' }]
            : [];
        },
      },
      leftovers: { cannotOutlive: PART_OF_API },
    },
    'AWS::ApiGateway::Deployment': {
      price: { free: 'a snapshot of the API that stages serve' },
      diagram: { hidden: 'a snapshot of its REST API' },
      leftovers: { cannotOutlive: PART_OF_API },
    },
    'AWS::ApiGateway::Stage': {
      price: {
        hourly: ({ id, props, add, notPriced }) => {
          if (props.CacheClusterEnabled !== true) return;
          const size = String(props.CacheClusterSize ?? '0.5');
          const key = `apigateway-cache:${size}`;
          if (key in PRICES)
            add(`API cache ${size} GB on stage ${String(props.StageName ?? id)}`, 1, key as PriceKey);
          else notPriced(`API cache of ${size} GB on stage ${String(props.StageName ?? id)}`);
        },
        usage:
          'a stage bills nothing by itself; requests are priced with the API, a cache cluster by the hour',
      },
      diagram: { hidden: 'a named, configured deployment of its REST API' },
      leftovers: { cannotOutlive: PART_OF_API },
    },
    'AWS::ApiGateway::ApiKey': {
      price: { free: 'an identifier of API clients' },
      diagram: { hidden: 'a client identifier, held by its usage plan' },
      leftovers: {
        exists: async (id, config) => {
          const { GetApiKeyCommand } = await import('@aws-sdk/client-api-gateway');
          const client = await apiGatewayClient(config);
          return !(await gone(() => client.send(new GetApiKeyCommand({ apiKey: id }))));
        },
      },
    },
    'AWS::ApiGateway::UsagePlan': {
      price: { free: 'throttling and quota settings for API keys' },
      diagram: { hidden: 'throttling and quota settings of the stages it lists' },
      leftovers: {
        exists: async (id, config) => {
          const { GetUsagePlanCommand } = await import('@aws-sdk/client-api-gateway');
          const client = await apiGatewayClient(config);
          return !(await gone(() => client.send(new GetUsagePlanCommand({ usagePlanId: id }))));
        },
      },
    },
    'AWS::ApiGateway::UsagePlanKey': {
      price: { free: 'a link between a usage plan and an API key' },
      diagram: { hidden: 'a link between a usage plan and an API key' },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
