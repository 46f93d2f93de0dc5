import type { LabDefinition } from '../lab/catalogue';
import { citeNotes, noteLabel } from './notes';

/**
 * One statement in the study notes (../shared/notes) that AWS's documentation no longer supports,
 * as a lab that relies on that note shows it: the guide's "The notes say / AWS says now" box, and
 * `npx labs notes-errata`, which lists every lab's errata by note file.
 */
export interface NoteErratum {
  /** The note file, for example `003_4fb32c6148cb8c93.txt`. */
  readonly note: string;
  /** What the note says, quoted or closely paraphrased (a few words). */
  readonly says: string;
  /** What AWS says now, in one or two sentences. */
  readonly now: string;
  /** The AWS documentation pages that say so. */
  readonly sources: readonly string[];
  /**
   * Where exam question banks or older courses may still expect the old answer: what to watch for.
   *
   * @default none
   */
  readonly examTrap?: string;
}

const link = (urls: readonly string[]) =>
  urls.map((url, i) => `[AWS docs${urls.length > 1 ? ` ${i + 1}` : ''}](${url})`).join(', ');

/** The guide's box (generated block `errata`): one row per outdated statement the lab touches. */
export function renderErrataBox(errata: readonly NoteErratum[]): string {
  if (errata.length === 0) return 'Nothing this lab relies on in the notes is outdated.';
  const rows = errata.map(
    (e) =>
      `| ${noteLabel(e.note)} | ${citeNotes(e.says)} | ${citeNotes(e.now)} ${link(e.sources)}${e.examTrap ? ` **Exam trap:** ${citeNotes(e.examTrap)}` : ''} |`,
  );
  return ['| Note | The notes say | AWS says now |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Every lab's errata, grouped by note file (sorted), each with the labs that show it. */
export function errataByNote(
  labs: readonly LabDefinition[],
): { note: string; errata: { erratum: NoteErratum; labs: string[] }[] }[] {
  const byNote = new Map<string, Map<string, { erratum: NoteErratum; labs: string[] }>>();
  for (const lab of labs) {
    for (const erratum of lab.errata ?? []) {
      const entries = byNote.get(erratum.note) ?? new Map();
      const entry = entries.get(erratum.says) ?? { erratum, labs: [] };
      entry.labs.push(lab.id);
      entries.set(erratum.says, entry);
      byNote.set(erratum.note, entries);
    }
  }
  return [...byNote.keys()].sort().map((note) => ({ note, errata: [...(byNote.get(note)?.values() ?? [])] }));
}

/** `npx labs notes-errata`: plain text, one block per note file. */
export function formatNotesErrata(labs: readonly LabDefinition[]): string[] {
  const groups = errataByNote(labs);
  if (groups.length === 0) return ['No lab lists an outdated statement in the notes.'];
  const lines: string[] = [];
  for (const { note, errata } of groups) {
    lines.push(`${noteLabel(note).replace(/`/g, '')}: ${note}`);
    for (const { erratum, labs: ids } of errata) {
      lines.push(`  the notes say: ${erratum.says}`);
      lines.push(`  AWS says now:  ${erratum.now}`);
      if (erratum.examTrap) lines.push(`  exam trap:     ${erratum.examTrap}`);
      lines.push(`  source:        ${erratum.sources.join(' ')}`);
      lines.push(`  shown in:      ${ids.join(', ')}`);
      lines.push('');
    }
  }
  return lines;
}
