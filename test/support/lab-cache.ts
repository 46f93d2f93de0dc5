import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { emulatorEndpointForTemplates } from '../../lib/targets/compatibility/route-load-balancer-urls';

/**
 * Every lab's templates, synthesized once per run of `npm test` and shared by all test files and
 * workers. The jest global setup (test/support/global-setup.ts) runs test/support/build-lab-cache.ts
 * in a child process, which synthesizes each {@link LabVariant} of every catalogue lab once, with
 * cdk-nag's AwsSolutions checks attached to the variants deployed to AWS, and runs aws-cdk-lib's
 * built-in CloudFormation validation once over every lab. Test files read the results as JSON
 * ({@link cachedLab}) instead of loading and synthesizing the labs again.
 *
 * The cache directory is keyed by a hash of everything that shapes a template (the kit's and the
 * labs' sources, cdk.json, package.json and the installed aws-cdk-lib and cdk-nag versions), so an
 * unchanged tree reuses it across runs; `LABKIT_TEST_CACHE=fresh` rebuilds it.
 */

/** The expiry the variants deployed to AWS get (a fixed date, so templates are stable). */
export const TEST_EXPIRES_AT = new Date('2026-11-23T04:00:00Z');

/** One way of synthesizing a lab. */
export interface LabVariant {
  readonly target?: 'aws' | 'ministack';
  /** With the self-destruct expiry ({@link TEST_EXPIRES_AT}), as every stack deployed to AWS has by default. */
  readonly expiry?: boolean;
  /** Context options (`-c name=value`). */
  readonly context?: Readonly<Record<string, string>>;
}

/** An acknowledged cdk-nag rule: where, which, and why. */
export interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** What the cache holds for one lab variant. */
export interface CachedLab {
  readonly key: string;
  /** Why synthesis failed (a test that reads the template fails with this). */
  readonly error?: string;
  readonly template: { Resources?: Record<string, any>; [key: string]: unknown };
  /** Logical ids of the resources the CDK can tag (from the construct tree). */
  readonly taggable: string[];
  /** Warnings the stack carries (annotations), one message each. */
  readonly warnings: string[];
  /** cdk-nag, on the variants deployed to AWS: its findings (empty: none) and the kit's acknowledgements. */
  readonly nag?: { readonly findings: string; readonly acknowledgements: Acknowledgement[] };
}

/** What `cdk deploy` to AWS builds by default: the lab with its expiry, no context options. */
export const DEPLOYED_VARIANT: LabVariant = { expiry: true };

/** The variant's name in the cache: `lab-03 aws expiry instanceType=t4g.nano`. */
export function variantKey(labId: string, variant: LabVariant = {}): string {
  const context = Object.entries(variant.context ?? {})
    .sort()
    .map(([name, value]) => `${name}=${value}`);
  return [labId, variant.target ?? 'aws', ...(variant.expiry ? ['expiry'] : []), ...context].join(' ');
}

/** Directories and files whose contents shape a template. */
const SOURCES = ['lib', 'labs', 'lambda', 'cdk.json', 'package.json', 'test/support'];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name === 'node_modules' ? [] : filesUnder(join(path, name))));
}

/** A hash of the sources and tool versions the templates come from. */
export function sourceHash(root = PROJECT_ROOT): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((source) => filesUnder(join(root, source)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const pkg of ['aws-cdk-lib', 'cdk-nag', 'constructs']) {
    hash.update(`${pkg}@${require(`${pkg}/package.json`).version}`);
  }
  // Emulator templates hold the emulator's endpoint (LABKIT_EMULATOR_PORT, AWS_ENDPOINT_URL): a run
  // on another port must not reuse them.
  hash.update(`endpoint=${emulatorEndpointForTemplates()}`);
  return hash.digest('hex').slice(0, 16);
}

/** Environment variable naming the cache directory of this run (set by the global setup). */
export const CACHE_DIR_ENV = 'LABKIT_LAB_CACHE_DIR';

const fileName = (key: string) => `${key.replace(/[^A-Za-z0-9.=-]+/g, '_')}.json`;

/** Path of one entry in a cache directory. */
export function cacheFile(dir: string, key: string): string {
  return join(dir, fileName(key));
}

/** Result of the built-in CloudFormation validation over every lab: undefined when it passed. */
export interface ValidationResult {
  readonly error?: string;
  readonly labs: string[];
}

export const VALIDATION_FILE = 'cloudformation-validation.json';

function cacheDir(): string {
  const dir = process.env[CACHE_DIR_ENV];
  if (!dir) {
    throw new Error(
      `${CACHE_DIR_ENV} is not set: the lab cache is built by jest's global setup (jest.config.js); run the tests through jest`,
    );
  }
  return dir;
}

const memory = new Map<string, CachedLab>();

/**
 * One lab variant from the cache: its template and what the synth recorded. A variant the builder
 * did not synthesize is an error naming it (add it to {@link variantsToBuild}).
 */
export function cachedLab(labId: string, variant: LabVariant = {}): CachedLab {
  const key = variantKey(labId, variant);
  const known = memory.get(key);
  if (known) return known;
  const file = cacheFile(cacheDir(), key);
  if (!existsSync(file)) throw new Error(`the lab cache has no "${key}": add it to variantsToBuild()`);
  const entry = JSON.parse(readFileSync(file, 'utf8')) as CachedLab;
  memory.set(key, entry);
  return entry;
}

/** Whether the cache holds a variant. */
export function hasCached(labId: string, variant: LabVariant = {}): boolean {
  const key = variantKey(labId, variant);
  return memory.has(key) || existsSync(cacheFile(cacheDir(), key));
}

/** A lab variant's template, or the error its synthesis raised. */
export function cachedTemplate(labId: string, variant: LabVariant = {}): CachedLab['template'] {
  const entry = cachedLab(labId, variant);
  if (entry.error) throw new Error(`synth of ${entry.key} failed: ${entry.error}`);
  return entry.template;
}

/** The validation result written by the builder. */
export function cachedValidation(): ValidationResult {
  return JSON.parse(readFileSync(join(cacheDir(), VALIDATION_FILE), 'utf8')) as ValidationResult;
}

/**
 * The variants of one lab the tests read: for AWS without and with expiry, with each of its
 * context options (without and with expiry), and for MiniStack.
 */
export function variantsOf(optionsOfLab: readonly { name: string; sample: string }[]): LabVariant[] {
  return [
    {},
    { expiry: true },
    { target: 'ministack' },
    ...optionsOfLab.flatMap(({ name, sample }) => [
      { context: { [name]: sample } },
      { expiry: true, context: { [name]: sample } },
    ]),
  ];
}
