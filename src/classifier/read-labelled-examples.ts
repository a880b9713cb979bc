import { readFile } from 'node:fs/promises';
import { CATEGORIES, type Category } from './classification.js';
import type { LabelledExample } from './train-classifier.js';

export type ReadResult = { ok: true; examples: LabelledExample[] } | { ok: false; error: string };

const isCategory = (value: unknown): value is Category =>
  typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);

/** Parses labelled JSONL (`{"text": ..., "label": ...}` per line); errors name the file and line. */
export function parseLabelledExamples(content: string, file: string): ReadResult {
  const examples: LabelledExample[] = [];
  for (const [i, line] of content.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const where = `${file}:${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return {
        ok: false,
        error: `${where}: not a JSON object (each line must be one {"text": ..., "label": ...})`,
      };
    }
    if (typeof row !== 'object' || row === null || !('text' in row) || typeof row.text !== 'string') {
      return { ok: false, error: `${where}: missing string field "text"` };
    }
    const label = 'label' in row ? row.label : undefined;
    if (!isCategory(label)) {
      return {
        ok: false,
        error: `${where}: "label" must be one of ${CATEGORIES.join(', ')}, got ${JSON.stringify(label)}`,
      };
    }
    examples.push({ text: row.text, label });
  }
  if (examples.length === 0) return { ok: false, error: `${file}: no labelled examples found` };
  return { ok: true, examples };
}

export async function readLabelledExamples(file: string): Promise<ReadResult> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    return { ok: false, error: `${file}: cannot read the file (${code})` };
  }
  return parseLabelledExamples(content, file);
}
