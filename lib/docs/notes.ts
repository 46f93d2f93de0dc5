import type { NoteReference } from '../lab/catalogue';

/**
 * The study notes the labs are built from (../shared/notes, not in this repository), by file name:
 * what a reader without them is told a citation means. `title` is the note's topic as its title line
 * gives it; `titleLine` is text of that line, which a test finds in the note where it is checked out.
 */
export const STUDY_NOTES: Readonly<Record<string, { readonly title: string; readonly titleLine: string }>> = {
  '000_eb71e302648b0e53.txt': {
    title: 'Solutions Architect Associate summary notes',
    titleLine: 'AWS Certified Solutions Architect – Associate',
  },
  '001_06aa89305e27a1ca.txt': { title: 'AWS certification concepts', titleLine: 'title: AWS certification' },
  '002_b4197942c38b97e3.txt': {
    title: 'Developer Associate revision notes',
    titleLine: 'Revision Notes for AWS Developer Exam',
  },
  '003_4fb32c6148cb8c93.txt': {
    title: 'SAA-C03 course notes, decoupling and serverless',
    titleLine: 'Cloud Guru AWS Certified Solutions Architect - Associate (SAA-C03) course',
  },
  '004_290acbaf18f7d933.txt': {
    title: 'Solutions Architect Professional notes',
    titleLine: 'Certified Solutions Architect Professional',
  },
};

/** A note file name, bare or in backticks, as the labs' facts and errata cite it. */
const NOTE_FILE = /`?\b(\d{3})_[0-9a-f]{16}\.txt\b`?/g;

/** How a guide names a note: `note 002 (Developer Associate revision notes)`; an unknown file stays as it is. */
export function noteLabel(file: string): string {
  const note = STUDY_NOTES[file];
  return note ? `note ${file.slice(0, 3)} (${note.title})` : `\`${file}\``;
}

/** Markdown with every note file name replaced by its number and topic ({@link noteLabel}). */
export function citeNotes(markdown: string): string {
  return markdown.replace(NOTE_FILE, (match) => noteLabel(match.replace(/`/g, '')));
}

/** The note files a text cites. */
export function citedNoteFiles(text: string): string[] {
  return [...text.matchAll(NOTE_FILE)].map((m) => m[0].replace(/`/g, ''));
}

/**
 * The guide's line naming the notes a lab draws on (top of the `facts` block): each note by number
 * and topic, its file name (for a reader who has the notes), and the topics the lab takes from it.
 */
export function renderNoteSources(notes: readonly NoteReference[]): string {
  if (notes.length === 0) return '';
  const items = notes.map((n) => `${noteLabel(n.file)}, \`${n.file}\`: ${n.topics.join('; ')}`);
  return `From the study notes (kept outside this repository): ${items.join('. ')}.`;
}
