import type { Construct } from 'constructs';
import type { LabStack, LabStackProps } from '../constructs/lab-stack';
import { LabInputError } from '../core/errors';
import type { NoteErratum } from '../docs/errata';
import type { ExperimentSet } from '../experiments/experiment';
import type { Challenge } from '../practice/challenges';
import type { Prediction } from '../practice/predictions';
import type { QuizQuestion } from '../practice/quiz';
import { type ContextOption, KIT_CONTEXT_OPTIONS, type LabOption } from './context-options';
import { EXAM_TASKS, type ExamTask } from './exam-guide';
import type { LabFact } from './facts';

/** Where a lab can be deployed. */
export type Target = 'aws' | 'ministack' | 'localstack';
export const TARGETS: readonly Target[] = ['aws', 'ministack', 'localstack'];

/**
 * How much of a lab works on a target, and whether a run showed it.
 * - `full`: a run showed it deploys and every experiment runs
 * - `partial`: a run showed it deploys, but some experiments are skipped (their skipOn says why; the
 *   matrix lists them)
 * - `unproven`: written for the target (its template, its experiments' paths there), not yet run
 *   there; the note says what to expect. Every lab's AWS entry: the kit's CI has no AWS account, and
 *   only a committed run record (lib/lab/run-records.ts) proves a lab on AWS.
 * - `none`: does not deploy there (the note says why)
 *
 * The emulators' `full` and `partial` are what the e2e runs find (test/e2e asserts them).
 */
export type SupportLevel = 'full' | 'partial' | 'unproven' | 'none';

export interface TargetSupport {
  readonly level: SupportLevel;
  /**
   * One or two sentences: what was tried there, and what does not work that no experiment's skip
   * says. The experiments skipped there (from their `skipOn`) and the compatibility steps a lab gets
   * (computed from its template) are added to the guide's support matrix: not written here.
   */
  readonly note: string;
}

/** A study note the lab draws on: the file in shared/notes and the topics taken from it. */
export interface NoteReference {
  readonly file: string;
  readonly topics: string[];
}

/**
 * The resources each experiment (and so the fact it proves) is about, by the name the guide's
 * diagram gives them: the construct path without CDK's `Resource` part and hash (`OrderWorkflow`,
 * `LabKey`, `ApprovalsQueue`). Keyed by the lab's experiment ids, so the compiler asks for an entry
 * per experiment and refuses an unknown one; test/kit/diagram-resources.test.ts requires each name
 * to be a node of the lab's diagram and an experiment's resources to be joined by its edges. An
 * empty list: the experiment is about the service, not a resource the stack builds.
 */
export type ExperimentResources<ExperimentId extends string = string> = Readonly<
  Record<ExperimentId, readonly string[]>
>;

export type LabStackClass = new (scope: Construct, id: string, props: LabStackProps) => LabStack;

/**
 * Exam domains, by short key: the four domains of the Solutions Architect Associate exam (SAA-C03)
 * and the four of the Developer Associate exam (DVA-C02). A lab's domains are those of its task
 * statements ({@link examDomainsOf}); a quiz question names one.
 */
export const EXAM_DOMAINS = {
  secure: 'SAA: Design Secure Architectures',
  resilient: 'SAA: Design Resilient Architectures',
  performing: 'SAA: Design High-Performing Architectures',
  cost: 'SAA: Design Cost-Optimized Architectures',
  developing: 'DVA: Development with AWS Services',
  dvaSecurity: 'DVA: Security',
  dvaDeployment: 'DVA: Deployment',
  dvaTroubleshooting: 'DVA: Troubleshooting and Optimization',
} as const;
export type ExamDomain = keyof typeof EXAM_DOMAINS;

/** The {@link EXAM_DOMAINS} key of a task statement, for those of the domains it lists. */
export function domainOfTask(task: ExamTask): ExamDomain | undefined {
  const { exam, domain } = EXAM_TASKS[task];
  const prefix = { 'SAA-C03': 'SAA', 'DVA-C02': 'DVA', 'SOA-C03': undefined }[exam];
  if (!prefix) return undefined;
  const found = (Object.entries(EXAM_DOMAINS) as [ExamDomain, string][]).find(
    ([, name]) => name === `${prefix}: ${domain}`,
  );
  return found?.[0];
}

/** The exam domains a lab serves: those of its task statements, in {@link EXAM_DOMAINS} order. */
export function examDomainsOf(lab: Pick<LabDefinition, 'examTasks'>): ExamDomain[] {
  const domains = new Set(lab.examTasks.map(domainOfTask));
  return (Object.keys(EXAM_DOMAINS) as ExamDomain[]).filter((domain) => domains.has(domain));
}

/**
 * One lab of the kit. `ExperimentId` is the lab's experiment ids (the keys of its experiments
 * record): facts, predictions, quiz items and challenges refer to experiments by them.
 */
export interface LabDefinition<ExperimentId extends string = string> {
  /** Stack name and CLI argument: `lab-NN`. */
  readonly id: string;
  /** Folder name under labs/: `lab-NN-<words>`. */
  readonly slug: string;
  readonly title: string;
  /** One line: what the lab builds. */
  readonly summary: string;
  readonly notes: NoteReference[];
  /**
   * The exam task statements the lab teaches (see {@link EXAM_TASKS}): the README's coverage table,
   * the lab table's exam domains and `npx labs progress` are generated from them.
   */
  readonly examTasks: readonly ExamTask[];
  /**
   * The lab's stack class, loaded when a stack is built: the catalogue is read by every command and
   * test, and a lab's stack module pulls in aws-cdk-lib and its service modules, which only a synth
   * needs (`cdk synth lab-03` loads lab-03's, not every lab's).
   */
  readonly stack: () => LabStackClass;
  /** The resources each experiment is about (its resources.ts), which the lab's diagram must draw. */
  readonly experimentResources: ExperimentResources<ExperimentId>;
  /** The exam facts the lab teaches (its facts.ts): the guide's facts table is generated from them. */
  readonly facts: readonly LabFact<ExperimentId>[];
  /**
   * Outdated statements in the study notes the lab relies on (its errata.ts): the guide's "The
   * notes say / AWS says now" box and `npx labs notes-errata`.
   *
   * @default none
   */
  readonly errata?: readonly NoteErratum[];
  /**
   * Exam-style questions the lab answers (its practice/quiz.ts): `npx labs quiz`.
   *
   * @default none
   */
  readonly quiz?: readonly QuizQuestion<ExperimentId>[];
  /**
   * Questions asked before the experiments run, answered by what they measure (its
   * practice/predictions.ts): `npx labs predict`, scored by `npx labs verify`.
   *
   * @default none
   */
  readonly predictions?: readonly Prediction<ExperimentId>[];
  /**
   * Break-fix exercises (its practice/challenges.ts): `npx labs challenge`, `hint` and `check`.
   *
   * @default none
   */
  readonly challenges?: readonly Challenge<ExperimentId>[];
  /**
   * The lab's experiments by id (its experiments/ folder), loaded on demand: they pull in the AWS
   * SDK clients, which a synth does not need.
   */
  readonly experiments: () => ExperimentSet<ExperimentId>;
  readonly support: Record<Target, TargetSupport>;
  /**
   * The context options the lab's stack reads (`-c name=value`), declared next to their readers in
   * the lab's folder. The README lists them; kit-wide tests synthesize the lab with each one set.
   *
   * @default none
   */
  readonly options?: readonly LabOption[];
  /**
   * Whether the lab may create NAT gateways (billed per hour). Only a lab about NAT sets this.
   *
   * @default false
   */
  readonly allowsNatGateway?: boolean;
}

let registeredLabs: readonly LabDefinition[] | undefined;

/**
 * Hands the kit its labs. Only entry points call it (bin/app.ts, bin/labs.mjs, scripts/, the test
 * setup), with the list labs/index.ts generates from the folders: lib/ never imports labs/.
 */
export function registerLabs(labs: readonly LabDefinition[]): void {
  const ids = labs.map((lab) => lab.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) throw new Error(`two labs have the id ${repeated}: each lab folder needs its own lab-NN`);
  registeredLabs = [...labs].sort((a, b) => a.id.localeCompare(b.id));
}

/** Every lab, in id order. @throws when no entry point registered them (a kit bug, not bad input) */
export function allLabs(): readonly LabDefinition[] {
  if (!registeredLabs)
    throw new Error(
      'no labs registered: an entry point must call registerLabs(LABS) from labs/index.ts first',
    );
  return registeredLabs;
}

/** Whether a lab deploys on at least one target (a freshly scaffolded lab runs nowhere yet). */
export function runsSomewhere(lab: LabDefinition): boolean {
  return TARGETS.some((target) => lab.support[target].level !== 'none');
}

/**
 * The catalogue entry for a lab id.
 * @throws LabInputError with the lab meant ("did you mean lab-02") when one is close, else the known ids
 */
export function findLab(id: string): LabDefinition {
  const lab = allLabs().find((entry) => entry.id === id);
  if (!lab) {
    const meant = labMeant(id);
    throw new LabInputError(
      meant
        ? `Unknown lab "${id}": did you mean ${meant.id}?`
        : `Unknown lab "${id}". Known labs: ${allLabs()
            .map((entry) => entry.id)
            .join(', ')}.`,
    );
  }
  return lab;
}

/**
 * The lab an id that is not one most likely means: `lab-2`, `LAB-02`, `lab02`, `2`, its folder name
 * (`lab-02-fan-out`) or the folder's name without the number (`fan-out`).
 */
export function labMeant(id: string): LabDefinition | undefined {
  const text = id
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/^labs\//, '');
  const number = /^(?:lab)?[-_ ]?0*(\d{1,3})$/.exec(text)?.[1];
  return allLabs().find(
    (lab) =>
      (number !== undefined && Number(lab.id.slice(4)) === Number(number)) ||
      text === lab.slug ||
      text.startsWith(`${lab.id}-`) ||
      (text.length >= 4 && lab.slug.slice(lab.id.length + 1) === text),
  );
}

/** Every context option a user can pass: each lab's own (from its definition), then the kit's. */
export function contextOptions(): ContextOption[] {
  return [
    ...allLabs().flatMap((lab) => (lab.options ?? []).map((option) => ({ ...option, labs: [lab.id] }))),
    ...KIT_CONTEXT_OPTIONS,
  ];
}
