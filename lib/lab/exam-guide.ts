/**
 * The exam task statements the labs teach, by key: every task statement of the Solutions Architect
 * Associate exam (SAA-C03) and the Developer Associate exam (DVA-C02), and the content domains of
 * the CloudOps Engineer Associate exam (SOA-C03, which replaced the SysOps Administrator SOA-C02 on
 * 30 September 2025; its domains are listed, not its task statements). Titles as the exam guides
 * word them; a lab declares the keys it teaches (`examTasks` in its lab.ts), and the README's
 * coverage table and `npx labs progress` are generated from them, gaps included.
 */

/** The exams, with the guide each list was checked against. */
export const EXAMS = {
  'SAA-C03': {
    name: 'AWS Certified Solutions Architect - Associate',
    guide:
      'https://docs.aws.amazon.com/aws-certification/latest/solutions-architect-associate-03/solutions-architect-associate-03.html',
  },
  'DVA-C02': {
    name: 'AWS Certified Developer - Associate',
    guide:
      'https://docs.aws.amazon.com/aws-certification/latest/developer-associate-02/developer-associate-02.html',
  },
  'SOA-C03': {
    name: 'AWS Certified CloudOps Engineer - Associate',
    guide:
      'https://docs.aws.amazon.com/aws-certification/latest/sysops-administrator-associate-03/sysops-administrator-associate-03.html',
  },
} as const;
export type Exam = keyof typeof EXAMS;

/** One task statement (or, for SOA-C03, one content domain) of an exam guide. */
export interface ExamTaskStatement {
  readonly exam: Exam;
  /** The content domain it belongs to, as the guide names it. */
  readonly domain: string;
  /** The task statement's title (for SOA-C03, the domain's). */
  readonly title: string;
}

const SAA_SECURE = 'Design Secure Architectures';
const SAA_RESILIENT = 'Design Resilient Architectures';
const SAA_PERFORMING = 'Design High-Performing Architectures';
const SAA_COST = 'Design Cost-Optimized Architectures';
const DVA_DEVELOPMENT = 'Development with AWS Services';
const DVA_SECURITY = 'Security';
const DVA_DEPLOYMENT = 'Deployment';
const DVA_TROUBLESHOOTING = 'Troubleshooting and Optimization';

const saa = (domain: string, title: string): ExamTaskStatement => ({ exam: 'SAA-C03', domain, title });
const dva = (domain: string, title: string): ExamTaskStatement => ({ exam: 'DVA-C02', domain, title });
const soa = (title: string): ExamTaskStatement => ({ exam: 'SOA-C03', domain: title, title });

/** Every task statement, by the key labs use (`SAA 1.1`, `DVA 2.2`, `SOA 4`), in guide order. */
export const EXAM_TASKS = {
  'SAA 1.1': saa(SAA_SECURE, 'Design secure access to AWS resources'),
  'SAA 1.2': saa(SAA_SECURE, 'Design secure workloads and applications'),
  'SAA 1.3': saa(SAA_SECURE, 'Determine appropriate data security controls'),
  'SAA 2.1': saa(SAA_RESILIENT, 'Design scalable and loosely coupled architectures'),
  'SAA 2.2': saa(SAA_RESILIENT, 'Design highly available and/or fault-tolerant architectures'),
  'SAA 3.1': saa(SAA_PERFORMING, 'Determine high-performing and/or scalable storage solutions'),
  'SAA 3.2': saa(SAA_PERFORMING, 'Design high-performing and elastic compute solutions'),
  'SAA 3.3': saa(SAA_PERFORMING, 'Determine high-performing database solutions'),
  'SAA 3.4': saa(SAA_PERFORMING, 'Determine high-performing and/or scalable network architectures'),
  'SAA 3.5': saa(SAA_PERFORMING, 'Determine high-performing data ingestion and transformation solutions'),
  'SAA 4.1': saa(SAA_COST, 'Design cost-optimized storage solutions'),
  'SAA 4.2': saa(SAA_COST, 'Design cost-optimized compute solutions'),
  'SAA 4.3': saa(SAA_COST, 'Design cost-optimized database solutions'),
  'SAA 4.4': saa(SAA_COST, 'Design cost-optimized network architectures'),
  'DVA 1.1': dva(DVA_DEVELOPMENT, 'Develop code for applications hosted on AWS'),
  'DVA 1.2': dva(DVA_DEVELOPMENT, 'Develop code for AWS Lambda'),
  'DVA 1.3': dva(DVA_DEVELOPMENT, 'Use data stores in application development'),
  'DVA 2.1': dva(
    DVA_SECURITY,
    'Implement authentication and/or authorization for applications and AWS services',
  ),
  'DVA 2.2': dva(DVA_SECURITY, 'Implement encryption by using AWS services'),
  'DVA 2.3': dva(DVA_SECURITY, 'Manage sensitive data in application code'),
  'DVA 3.1': dva(DVA_DEPLOYMENT, 'Prepare application artifacts to be deployed to AWS'),
  'DVA 3.2': dva(DVA_DEPLOYMENT, 'Test applications in development environments'),
  'DVA 3.3': dva(DVA_DEPLOYMENT, 'Automate deployment testing'),
  'DVA 3.4': dva(
    DVA_DEPLOYMENT,
    'Deploy code by using AWS Continuous Integration and Continuous Delivery (CI/CD) services',
  ),
  'DVA 4.1': dva(DVA_TROUBLESHOOTING, 'Assist in a root cause analysis'),
  'DVA 4.2': dva(DVA_TROUBLESHOOTING, 'Instrument code for observability'),
  'DVA 4.3': dva(DVA_TROUBLESHOOTING, 'Optimize applications by using AWS services and features'),
  'SOA 1': soa('Monitoring, Logging, Analysis, Remediation, and Performance Optimization'),
  'SOA 2': soa('Reliability and Business Continuity'),
  'SOA 3': soa('Deployment, Provisioning, and Automation'),
  'SOA 4': soa('Security and Compliance'),
  'SOA 5': soa('Networking and Content Delivery'),
} as const satisfies Record<string, ExamTaskStatement>;

/** The key of a task statement: what a lab's `examTasks` lists. */
export type ExamTask = keyof typeof EXAM_TASKS;

/** Every task statement key, in guide order. */
export const EXAM_TASK_KEYS = Object.keys(EXAM_TASKS) as ExamTask[];

/** The labs that declare a task statement, by key; a key no lab declares maps to an empty list. */
export function coverageByTask<L extends { readonly id: string; readonly examTasks: readonly ExamTask[] }>(
  labs: readonly L[],
): Map<ExamTask, L[]> {
  return new Map(EXAM_TASK_KEYS.map((task) => [task, labs.filter((lab) => lab.examTasks.includes(task))]));
}

/** The task statements no lab declares (the gaps the lab plan fills). */
export function uncoveredTasks(labs: readonly { readonly examTasks: readonly ExamTask[] }[]): ExamTask[] {
  return EXAM_TASK_KEYS.filter((task) => !labs.some((lab) => lab.examTasks.includes(task)));
}
