import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The kit's pinned patches to MiniStack: one `*.patch` file per fix in this folder (a header and a
 * unified diff against the pinned wheel), applied by apply.py after the hash-checked install. See
 * README.md here for the format and how to add one.
 */

/** This folder. */
export const MINISTACK_PATCHES_DIR = __dirname;
/** The script the venv's python runs after pip: checks each file's hash, then patches it. */
export const MINISTACK_PATCH_APPLIER = join(__dirname, 'apply.py');
/** What apply.py writes into the venv: the patches it applied and the files it changed. */
export const APPLIED_RECORD = 'labkit-patches.json';

/** One patch, as its header describes it. */
export interface MiniStackPatch {
  /** The file name without `.patch`. */
  readonly name: string;
  /** One line: the service and what the patch makes MiniStack do. */
  readonly subject: string;
  /** What stock MiniStack does instead, for the fidelity table's stock column. */
  readonly stock: string;
  /** The experiments it lets run on MiniStack, as `lab-02:numericFilterType`. */
  readonly experiments: readonly { readonly lab: string; readonly experiment: string }[];
  /** The files it changes (relative to site-packages) and their SHA-256 in the pinned wheel. */
  readonly files: Readonly<Record<string, string>>;
  readonly path: string;
}

/** The patch files, in the order apply.py reads them. */
export function patchFiles(dir = MINISTACK_PATCHES_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads a patch file's header (the lines before its first `--- `). */
export function readPatch(path: string): MiniStackPatch {
  const text = readFileSync(path, 'utf8');
  const header = text.slice(0, Math.max(0, text.indexOf('\n--- ')));
  const field = (name: string) =>
    header
      .split('\n')
      .filter((line) => line.startsWith(`${name}: `))
      .map((line) => line.slice(name.length + 2).trim());
  const files: Record<string, string> = {};
  for (const line of field('Sha256')) {
    const [file, sha] = line.split(/\s+/);
    files[file] = sha;
  }
  return {
    name: path.replace(/^.*[\\/]/, '').replace(/\.patch$/, ''),
    subject: field('Subject')[0] ?? '',
    stock: field('Stock')[0] ?? '',
    experiments: field('Experiments')
      .flatMap((line) => line.split(/\s+/))
      .map((ref) => {
        const [lab, experiment] = ref.split(':');
        return { lab, experiment };
      }),
    files,
    path,
  };
}

/** Every patch the kit carries. */
export function miniStackPatches(dir = MINISTACK_PATCHES_DIR): MiniStackPatch[] {
  return patchFiles(dir).map(readPatch);
}

/** The patches that let this experiment run on MiniStack (none: it runs on stock MiniStack, or not at all). */
export function patchesFor(lab: string, experiment: string, patches = miniStackPatches()): MiniStackPatch[] {
  return patches.filter((p) => p.experiments.some((e) => e.lab === lab && e.experiment === experiment));
}

/** What apply.py recorded in a venv: the names of the patches applied, or `undefined` if none ran. */
export function appliedPatches(venv: string): string[] | undefined {
  const record = join(venv, APPLIED_RECORD);
  if (!existsSync(record)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(record, 'utf8')) as { patches?: { name?: string }[] };
    return (parsed.patches ?? []).map((p) => String(p.name));
  } catch {
    return undefined;
  }
}

/** The files whose content decides whether the venv is current: the applier and every patch. */
export function patchStampFiles(dir = MINISTACK_PATCHES_DIR): string[] {
  return [join(dir, 'apply.py'), ...patchFiles(dir)];
}
