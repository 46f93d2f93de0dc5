/**
 * Finding a challenge's code in a stack source whatever its formatting: a learner's editor may
 * re-indent, re-wrap or add trailing commas, and the fault must still land on the same code.
 * Source and pattern are compared in a normal form: whitespace between two word characters counts
 * as one space, other whitespace counts as nothing, and a comma before a closing bracket is dropped.
 * A comma that ends a pattern matches the source's comma there, or none (dropped before a bracket).
 */

/** A span of the source, in its own offsets. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

const WORD = /[A-Za-z0-9_$]/;
const CLOSING = new Set(['}', ']', ')']);

/** The normal form of a text, with the source offset each of its characters came from. */
function normalize(text: string): { normal: string; offsets: number[] } {
  let normal = '';
  const offsets: number[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (/\s/.test(char)) {
      let j = i;
      while (j < text.length && /\s/.test(text[j])) j++;
      const before = normal.at(-1);
      const after = text[j];
      if (before && after && WORD.test(before) && WORD.test(after)) {
        normal += ' ';
        offsets.push(i);
      }
      i = j;
      continue;
    }
    if (char === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (CLOSING.has(text[j])) {
        i++;
        continue; // a trailing comma: formatting, not code
      }
    }
    normal += char;
    offsets.push(i);
    i++;
  }
  return { normal, offsets };
}

/** Every place `pattern` occurs in `source`, formatting aside. */
export function findIgnoringFormatting(source: string, pattern: string): SourceSpan[] {
  const { normal, offsets } = normalize(source);
  const wanted = normalize(anchorOf(pattern)).normal;
  if (!wanted) return [];
  const spans: SourceSpan[] = [];
  const endsWithComma = anchorOf(pattern) !== pattern.trimEnd();
  for (let at = normal.indexOf(wanted); at !== -1; at = normal.indexOf(wanted, at + 1)) {
    let end = offsets[at + wanted.length - 1] + 1;
    // The pattern's comma is part of the code it changes: a deleted line takes its comma with it.
    const comma = endsWithComma ? /^\s*,/.exec(source.slice(end)) : null;
    if (comma) end += comma[0].length;
    spans.push({ start: offsets[at], end });
  }
  return spans;
}

/** The pattern without a comma that ends it. */
const anchorOf = (pattern: string) => pattern.replace(/,\s*$/, '');

/**
 * The replacement for a span found by {@link findIgnoringFormatting}: the span holds no leading or
 * trailing whitespace of the pattern, so the replacement loses the same.
 */
export function replacementFor(pattern: string, replacement: string): string {
  const leading = /^\s*/.exec(pattern)?.[0] ?? '';
  const trailing = /\s*$/.exec(pattern)?.[0] ?? '';
  let text = replacement;
  if (leading && text.startsWith(leading)) text = text.slice(leading.length);
  if (trailing && text.endsWith(trailing)) text = text.slice(0, text.length - trailing.length);
  return text;
}
