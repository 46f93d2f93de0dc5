import {
  CreateArchiveCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  type EventBridgeClient,
  UpdateArchiveCommand,
} from '@aws-sdk/client-eventbridge';
import { ignoring } from './ignoring';

/**
 * The properties of a Custom::LabkitEventArchive: those of the AWS::Events::Archive it stands for,
 * with the archive's name always given (the step names it). CloudFormation passes numbers as strings
 * and the event pattern as an object.
 */
export interface EventArchiveProperties {
  readonly ArchiveName: string;
  readonly SourceArn: string;
  readonly Description?: string;
  readonly EventPattern?: unknown;
  readonly RetentionDays?: string | number;
}

/** The archive's settings in EventBridge API form (what Create and Update share). */
function settings(props: EventArchiveProperties) {
  const pattern = props.EventPattern;
  return {
    ArchiveName: props.ArchiveName,
    Description: props.Description || undefined,
    EventPattern:
      pattern === undefined || pattern === ''
        ? undefined
        : typeof pattern === 'string'
          ? pattern
          : JSON.stringify(pattern),
    RetentionDays: props.RetentionDays === undefined ? undefined : Number(props.RetentionDays),
  };
}

/** Creates the archive (or updates it, when a retried create finds it there); returns its ARN. */
export async function createArchive(
  events: Pick<EventBridgeClient, 'send'>,
  props: EventArchiveProperties,
): Promise<string> {
  try {
    const created = await events.send(
      new CreateArchiveCommand({ ...settings(props), EventSourceArn: props.SourceArn }),
    );
    if (created.ArchiveArn) return created.ArchiveArn;
  } catch (error) {
    if (!/AlreadyExists/i.test(`${(error as Error).name} ${(error as Error).message}`)) throw error;
    await events.send(new UpdateArchiveCommand(settings(props)));
  }
  return archiveArn(events, props.ArchiveName);
}

/** Changes the archive's description, pattern and retention (its name and source stay). */
export async function updateArchive(
  events: Pick<EventBridgeClient, 'send'>,
  props: EventArchiveProperties,
): Promise<string> {
  await events.send(new UpdateArchiveCommand(settings(props)));
  return archiveArn(events, props.ArchiveName);
}

/** Deletes the archive (gone already: fine). */
export async function deleteArchive(events: Pick<EventBridgeClient, 'send'>, name: string): Promise<void> {
  await ignoring(/NotFound|does not exist/i, () =>
    events.send(new DeleteArchiveCommand({ ArchiveName: name })),
  );
}

async function archiveArn(events: Pick<EventBridgeClient, 'send'>, name: string): Promise<string> {
  const described = await events.send(new DescribeArchiveCommand({ ArchiveName: name }));
  if (!described.ArchiveArn) throw new Error(`archive ${name} has no ARN`);
  return described.ArchiveArn;
}
