/**
 * The one place where an experiment may go without a failing proof (issue 31), each with its reason.
 * test/kit/failing-proofs.test.ts fails for an experiment with neither a miswiring (`mustFailWhen`)
 * nor a challenge whose check it is, unless it is listed here, and for an entry no longer needed.
 */
import type { ExperimentId as Lab01 } from '../../labs/lab-01-email-hook/experiments';
import type { ExperimentId as Lab02 } from '../../labs/lab-02-fan-out/experiments';
import type { ExperimentId as Lab03 } from '../../labs/lab-03-web-tier/experiments';
import type { ExperimentId as Lab04 } from '../../labs/lab-04-change-data-capture/experiments';
import type { ExperimentId as Lab05 } from '../../labs/lab-05-vpc-from-scratch/experiments';
import type { ExperimentId as Lab06 } from '../../labs/lab-06-s3-data-protection/experiments';
import type { ExperimentId as Lab07 } from '../../labs/lab-07-cloudfront-private-origin/experiments';
import type { ExperimentId as Lab08 } from '../../labs/lab-08-serverless-api/experiments';
import type { ExperimentId as Lab09 } from '../../labs/lab-09-workflows/experiments';
import type { ExperimentId as Lab10 } from '../../labs/lab-10-event-routing/experiments';
import type { ExperimentId as Lab11 } from '../../labs/lab-11-streaming/experiments';
import type { ExperimentId as Lab13 } from '../../labs/lab-13-keys-secrets-policies/experiments';

/** One entry per lab, keyed by the lab's experiment ids (the compiler checks them). */
export interface PerLab {
  readonly 'lab-01': Partial<Record<Lab01, string>>;
  readonly 'lab-02': Partial<Record<Lab02, string>>;
  readonly 'lab-03': Partial<Record<Lab03, string>>;
  readonly 'lab-04': Partial<Record<Lab04, string>>;
  readonly 'lab-05': Partial<Record<Lab05, string>>;
  readonly 'lab-06': Partial<Record<Lab06, string>>;
  readonly 'lab-07': Partial<Record<Lab07, string>>;
  readonly 'lab-08': Partial<Record<Lab08, string>>;
  readonly 'lab-09': Partial<Record<Lab09, string>>;
  readonly 'lab-10': Partial<Record<Lab10, string>>;
  readonly 'lab-11': Partial<Record<Lab11, string>>;
  readonly 'lab-13': Partial<Record<Lab13, string>>;
}

/** Still to be given a failing proof (issue 31): the issue is done when none is left. */
const NOT_YET = 'not yet proven able to fail (issue 31)';

/** Experiments without a failing proof that runs where they run, with the reason. */
export const NO_FAILING_PROOF: PerLab = {
  'lab-01': {
    vpcAttachment: NOT_YET,
    isolation: NOT_YET,
    syncFailure: NOT_YET,
  },
  'lab-02': {
    visibility: NOT_YET,
    lambdaQueueTimeout: NOT_YET,
    longPolling: NOT_YET,
    fifoDedup: NOT_YET,
    fifoOrder: NOT_YET,
    retention: NOT_YET,
    messageSize: NOT_YET,
    numericFilterType: NOT_YET,
  },
  'lab-03': {
    albSpansTwoAzs: NOT_YET,
    singleAzAlbRefused: NOT_YET,
    port80ForwardsToTargets: NOT_YET,
    albHasDnsName: NOT_YET,
    groupKeepsTwoToFour: NOT_YET,
    instancesRegistered: NOT_YET,
    instancesInTwoAzs: NOT_YET,
    cpuTargetTracking: NOT_YET,
    al2023WithImdsv2: NOT_YET,
    http200ThroughAlb: NOT_YET,
    imdsv1Refused: NOT_YET,
    unhealthyInstanceReplaced: NOT_YET,
    answersFromTwoAzs: NOT_YET,
  },
  'lab-04': {
    auditLifecycle: NOT_YET,
    replay: NOT_YET,
    gsiByStatus: NOT_YET,
    indexesLater: NOT_YET,
    ttlRemove: NOT_YET,
  },
  'lab-05': {
    fiveReservedAddresses: NOT_YET,
    gatewayEndpointPrefixListRoutes: NOT_YET,
    defaultAclAllowsAll: NOT_YET,
    dataTierAclRuleOrder: NOT_YET,
    flowLogsToLogGroup: NOT_YET,
    reachFromEachTier: NOT_YET,
    dataTierAclDropsHttp: NOT_YET,
    securityGroupsStateful: NOT_YET,
    interfaceEndpointPerAz: NOT_YET,
  },
  'lab-06': {
    deleteMarkerKeepsVersions: NOT_YET,
    restoreVersion: NOT_YET,
    encryptWithLabKey: NOT_YET,
    defaultEncryption: NOT_YET,
    refuseUnencryptedPut: NOT_YET,
    refusePlainHttp: NOT_YET,
    presignedUrl: NOT_YET,
    lifecycleRules: NOT_YET,
  },
  'lab-07': {
    directS3Refused: NOT_YET,
    policyAdmitsOnlyDistribution: NOT_YET,
    hstsHeaderAdded: NOT_YET,
    edgeCachesStaticOnly: NOT_YET,
    staleUntilInvalidation: NOT_YET,
  },
  'lab-08': {
    canarySplitsLiveAlias: NOT_YET,
    stageVariablePicksAlias: NOT_YET,
    betaStageThrottlesMethod: NOT_YET,
    malformedProxyResponse502: NOT_YET,
    reservedConcurrencyCaps: NOT_YET,
    versionsImmutableAliasesMove: NOT_YET,
  },
  'lab-09': {
    retryNamedError: NOT_YET,
    callback: NOT_YET,
    expressNoHistory: NOT_YET,
  },
  'lab-10': {
    inputTransformerReshapes: NOT_YET,
    targetRetryPolicy: NOT_YET,
    scheduledRuleAndScheduler: NOT_YET,
  },
  'lab-11': {
    sameKeySameShard: NOT_YET,
    poisonFailsBatch: NOT_YET,
    poisonIsolated: NOT_YET,
    encryptedAtRest: NOT_YET,
  },
  'lab-13': {
    kmsEncryptLimit: NOT_YET,
    wrongContextRefused: NOT_YET,
    secureStringNeedsKmsDecrypt: NOT_YET,
    secretRotated: NOT_YET,
    boundaryCapsRole: NOT_YET,
    policyVariablePerTeam: NOT_YET,
  },
};

/** Miswirings that do not yet name the `because` their run must fail with (`failsBecause`). */
export const MISWIRING_WITHOUT_REASON: PerLab = {
  'lab-01': {},
  'lab-02': {
    fanOut: NOT_YET,
  },
  'lab-03': {},
  'lab-04': {},
  'lab-05': {
    defaultRoutePerTier: NOT_YET,
    securityGroupsChainTiers: NOT_YET,
  },
  'lab-06': {
    replicateNewObjects: NOT_YET,
    keepReplicaOnDelete: NOT_YET,
    notifyPerPut: NOT_YET,
  },
  'lab-07': {
    servedThroughDistribution: NOT_YET,
  },
  'lab-08': {
    usagePlanThrottlesTrialKey: NOT_YET,
  },
  'lab-09': {
    routeEveryBranch: NOT_YET,
    directDynamoDb: NOT_YET,
    expressSync: NOT_YET,
  },
  'lab-10': {
    rulesRouteByContent: NOT_YET,
    undeliverableToDeadLetter: NOT_YET,
  },
  'lab-11': {
    firehoseExactlyOnce: NOT_YET,
    perKeyOrder: NOT_YET,
  },
  'lab-13': {
    envelopeEncryption: NOT_YET,
    parametersByPath: NOT_YET,
    fourRotationSteps: NOT_YET,
    explicitDenyWins: NOT_YET,
  },
};
