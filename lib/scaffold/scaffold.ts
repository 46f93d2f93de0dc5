import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabInputError } from '../core/errors';
import { PROJECT_ROOT } from '../core/paths';
import { discoverLabFolders, writeLabIndex } from './lab-index';

/** What `npm run new-lab` asks for. */
export interface NewLab {
  /** `lab-NN` */
  readonly id: string;
  /** Words after the id in the folder name, e.g. `vpc-from-scratch`. */
  readonly words: string;
  readonly title: string;
}

/** The class name of a lab's stack: `vpc-from-scratch` -> `VpcFromScratchStack`. */
export function stackClassName(words: string): string {
  return `${words
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}Stack`;
}

/** Checks a new lab's id, words and title; one clear error each. */
export function checkNewLab(lab: NewLab, root = PROJECT_ROOT): void {
  if (!/^lab-\d\d$/.test(lab.id))
    throw new LabInputError(`${lab.id} is not a lab id: use lab-NN, e.g. lab-05`);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(lab.words)) {
    throw new LabInputError(
      `${lab.words} is not a folder name: lower-case words joined by -, e.g. vpc-from-scratch`,
    );
  }
  if (!lab.title.trim()) throw new LabInputError('give the lab a title, e.g. "VPC from scratch"');
  if (discoverLabFolders(root).some((folder) => folder.startsWith(`${lab.id}-`))) {
    throw new LabInputError(`${lab.id} already exists: pick the next free id`);
  }
}

/** The files of a new lab, by path relative to the repository root. */
export function newLabFiles(lab: NewLab): Record<string, string> {
  const slug = `${lab.id}-${lab.words}`;
  const stack = stackClassName(lab.words);
  const title = lab.title.replace(/'/g, "\\'");
  const notDoneYet = 'the lab is new: nothing is proven on this target yet';
  return {
    [`labs/${slug}/lab.ts`]: `import type { LabDefinition } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { experimentResources } from './resources';

/** ${lab.id}: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: '${lab.id}',
  slug: '${slug}',
  title: '${title}',
  summary: 'TODO: one line, what the lab builds.',
  notes: [],
  examTasks: [],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).${stack},
  experimentResources,
  facts,
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./experiments') as typeof import('./experiments')).experiments,
  // Honest until a run proves more: \`none\` everywhere.
  support: {
    aws: { level: 'none', note: '${notDoneYet}' },
    ministack: { level: 'none', note: '${notDoneYet}' },
    localstack: { level: 'none', note: '${notDoneYet}' },
  },
};
`,
    [`labs/${slug}/outputs.ts`]: `/** ${lab.id}'s stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = ['PlaceholderQueueUrl'] as const;

/** The name of one of ${lab.id}'s stack outputs. */
export type Output = (typeof OUTPUTS)[number];
`,
    [`labs/${slug}/stack.ts`]: `import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { DeadLetterQueue } from '../../lib/constructs/queue-with-dead-letter';
import type { Output } from './outputs';

/** ${lab.id}: ${lab.title}. Build it from the shared constructs in lib/constructs/. */
export class ${stack} extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    // A placeholder resource so the stack deploys; replace it with the lab's architecture.
    const queue = new DeadLetterQueue(this, 'Placeholder');
    const outputs: Record<Output, string> = { PlaceholderQueueUrl: queue.queue.queueUrl };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
`,
    [`labs/${slug}/resources.ts`]: `import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** ${lab.id}: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  firstExperiment: ['PlaceholderQueue'],
};
`,
    [`labs/${slug}/facts.ts`]: `import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

/** The exam facts ${lab.id} teaches: each with its notes, the AWS docs it was checked against, and its proof. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'TODO: the exam fact, as the guide states it.',
    notes: 'TODO: the note file and topic, or: not in the notes',
    experiments: ['firstExperiment'],
  },
];
`,
    [`labs/${slug}/experiments/first-experiment.ts`]: `import { type Experiment, skipped } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

/** One experiment per file (or a few small ones): it drives the deployed lab and observes the result. */
export const firstExperiment: Experiment<Output> = {
  name: 'Write the first experiment',
  fact: 'TODO: the exam fact this lab proves, in one sentence.',
  // behaviour: drives the lab and observes the result; configuration: reads a setting back.
  proof: 'behaviour',
  async run() {
    return skipped('${lab.id} has no experiments yet');
  },
};
`,
    [`labs/${slug}/experiments/index.ts`]: `import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { firstExperiment } from './first-experiment';

/** ${lab.id}'s experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  firstExperiment,
} satisfies ExperimentSet<string>;

/** The ids of ${lab.id}'s experiments. */
export type ExperimentId = keyof typeof experiments;
`,
    [`labs/${slug}/README.md`]: `# ${lab.id}: ${lab.title}

TODO: what the lab builds and which exam facts it shows. Stack: [\`stack.ts\`](stack.ts)
(definition: [\`lab.ts\`](lab.ts)).

## Architecture

<!-- diagram:start -->
<!-- diagram:end -->

## Exam facts

<!-- facts:start -->
<!-- facts:end -->

### The notes say / AWS says now

<!-- errata:start -->
<!-- errata:end -->

## Experiments

<!-- experiments:start -->
<!-- experiments:end -->

## Practice

<!-- practice:start -->
<!-- practice:end -->

## Cost

<!-- cost:start -->
<!-- cost:end -->

## Where it runs

<!-- support:start -->
<!-- support:end -->
`,
    [`test/labs/${slug}.test.ts`]: `import { Template } from 'aws-cdk-lib/assertions';
import { labTemplate } from '../support/synth';

// Synthesized once per test run with every other lab (test/support/lab-cache.ts).
const template = labTemplate('${lab.id}');

test('${lab.id} synthesizes', () => {
  expect(template).toBeInstanceOf(Template);
});
`,
  };
}

/**
 * Creates a new lab: its folder (definition, stack, experiments, guide) and its test, then
 * regenerates labs/index.ts from the folders. No hand-kept file is edited. Returns the files written.
 */
export function scaffoldLab(lab: NewLab, root = PROJECT_ROOT): string[] {
  checkNewLab(lab, root);
  const files = newLabFiles(lab);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text, { flag: 'wx' });
  }
  writeLabIndex(root);
  return [...Object.keys(files), 'labs/index.ts'];
}
