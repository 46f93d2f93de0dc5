import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-06: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  deleteMarkerKeepsVersions: ['DataBucket'],
  restoreVersion: ['DataBucket', 'DataKey'],
  encryptWithLabKey: ['DataBucket', 'DataKey'],
  defaultEncryption: ['DataBucket', 'DataKey', 'ReplicaBucket'],
  refuseUnencryptedPut: ['DataBucket'],
  refusePlainHttp: ['DataBucket'],
  refusePublicPolicy: ['DataBucket'],
  replicateNewObjects: ['DataBucket', 'DataBucketReplicationRole', 'ReplicaBucket'],
  keepReplicaOnDelete: ['DataBucket', 'DataBucketReplicationRole', 'ReplicaBucket'],
  notifyPerPut: ['DataBucket', 'UploadsQueue'],
  presignedUrl: ['DataBucket'],
  lifecycleRules: ['DataBucket'],
};
