import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { DeadLetterQueue } from '../../lib/constructs/queue-with-dead-letter';

/** lab-08: Serverless API: stages, versions and aliases. Build it from the shared constructs in lib/constructs/. */
export class ServerlessApiStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    // A placeholder resource so the stack deploys; replace it with the lab's architecture.
    const queue = new DeadLetterQueue(this, 'Placeholder');
    new CfnOutput(this, 'PlaceholderQueueUrl', { value: queue.queue.queueUrl });
  }
}
