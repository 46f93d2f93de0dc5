import { CfnArchive } from 'aws-cdk-lib/aws-events';
import { COMPAT_RESOURCE_TYPES } from '../../../lambda/kit/emulator-compatibility/resource-types';
import { compatibilityResource } from './provider';
import type { CompatibilityStep } from './step';

/** EventBridge's limit on an archive name. */
const ARCHIVE_NAME_MAX = 48;

/**
 * MiniStack's CloudFormation has no AWS::Events::Archive and rejects a template that has one, while
 * its EventBridge API archives and replays. On MiniStack each archive becomes a custom resource with
 * the same logical id and properties (so `Ref` is still the name and `Fn::GetAtt ... Arn` the ARN),
 * which the kit's compatibility function creates through CreateArchive during the deploy and deletes
 * with DeleteArchive when the stack goes.
 */
export const createEventArchives: CompatibilityStep = {
  name: 'create-event-archives',
  target: 'ministack',
  why:
    'MiniStack CloudFormation lacks AWS::Events::Archive (its EventBridge API has archives and replays); on ' +
    'MiniStack each archive becomes a custom resource (same logical id and properties) that creates it through ' +
    'CreateArchive during the deploy and deletes it with the stack.',
  covers: { resourceTypes: ['AWS::Events::Archive'] },
  phase: 'deploy',
  customResourceType: COMPAT_RESOURCE_TYPES.eventArchive,
  transform(node, stack) {
    const scope = node.node.scope;
    if (!(node instanceof CfnArchive) || !scope) return;
    const id = node.node.id;
    // CloudFormation names an archive when the template does not; here the step names it, from the
    // stack and the logical id, so it is stable across deploys and unique per stack.
    const archiveName =
      (stack.resolve(node.archiveName) as string | undefined) ||
      `${stack.stackName}-${stack.getLogicalId(node)}`
        .replace(/[^.\-_A-Za-z0-9]/g, '')
        .slice(0, ARCHIVE_NAME_MAX);
    const properties = {
      ArchiveName: archiveName,
      SourceArn: node.sourceArn,
      Description: node.description,
      EventPattern: node.eventPattern,
      RetentionDays: node.retentionDays,
    };
    // Same scope and id: same logical id, so Ref and Fn::GetAtt of the archive still resolve.
    scope.node.tryRemoveChild(id);
    compatibilityResource(scope, id, COMPAT_RESOURCE_TYPES.eventArchive, properties);
  },
};
