import { readFile } from 'node:fs/promises';
import { type Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type ServiceLevels, serviceLevelsSchema } from './service-levels-schema.js';

/**
 * Reads and validates the service-levels file. A missing or invalid file throws an Error naming the
 * file, the line, the field and what is wrong: NGO staff edit it, and a deadline computed from a
 * half-read file would be silently wrong.
 */
export async function loadServiceLevels(path: string): Promise<ServiceLevels> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new Error(`${path}: cannot read the service-levels file (${code}); is the path right?`);
  }
  return parseServiceLevels(text, path);
}

/** Validates the text of a service-levels file; `file` only names it in error messages. */
export function parseServiceLevels(text: string, file: string): ServiceLevels {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const at = e.linePos?.[0];
      const message = (e.message.split('\n')[0] ?? e.code).replace(/ at line \d+, column \d+:?$/, '');
      return `${file}${at ? `, line ${at.line}` : ''}: not valid YAML: ${message} (hint: check the indentation, the "- " before each date, and that no key appears twice)`;
    });
    throw new Error(problems.join('\n'));
  }
  const result = serviceLevelsSchema.safeParse(doc.toJS(), { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const line = lineOf(doc, lineCounter, issue);
    const hint = hintFor(issue);
    return `${file}${line ? `, line ${line}` : ''}: ${fieldName(issue.path)}: ${messageFor(issue)}${hint ? ` (hint: ${hint})` : ''}`;
  });
  throw new Error(problems.join('\n'));
}

/** `deadlines.licensing.closure`, `holidays #3` (people count list entries from 1). */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, index) =>
      typeof key === 'number'
        ? `${index > 0 ? ' ' : ''}#${key + 1}`
        : `${index > 0 ? '.' : ''}${String(key)}`,
    )
    .join('');
}

function messageFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.path.length === 0)
    return 'the file must be a mapping with deadlines: and holidays:';
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'missing';
  return issue.message;
}

function hintFor(issue: z.core.$ZodIssue): string | undefined {
  const [section] = issue.path;
  if (issue.code === 'unrecognized_keys') {
    if (issue.path.length === 0) return 'the file has two sections, deadlines and holidays';
    return issue.path.length === 1
      ? 'deadlines may name default, licensing, environmental, revenue and other; check the spelling'
      : 'a deadline is one of triage, follow_up and closure; check the spelling';
  }
  if (issue.code === 'invalid_type' && issue.input === undefined && issue.path.length > 0) {
    return section === 'holidays'
      ? 'add the holidays list'
      : 'default must set all of triage, follow_up and closure';
  }
  return undefined;
}

/**
 * The line of the offending value (of the unknown key itself for `unrecognized_keys`), or of the
 * nearest enclosing value that exists when a key is missing.
 */
function lineOf(doc: Document, lineCounter: LineCounter, issue: z.core.$ZodIssue): number | undefined {
  const line = (range: unknown): number | undefined =>
    Array.isArray(range) && typeof range[0] === 'number' ? lineCounter.linePos(range[0]).line : undefined;
  if (issue.code === 'unrecognized_keys') {
    const map = issue.path.length > 0 ? doc.getIn(issue.path, true) : doc.contents;
    const pair = isMap(map)
      ? map.items.find((item) => isScalar(item.key) && item.key.value === issue.keys[0])
      : undefined;
    if (pair && isScalar(pair.key)) return line(pair.key.range);
  }
  for (let depth = issue.path.length; depth > 0; depth--) {
    const node: unknown = doc.getIn(issue.path.slice(0, depth), true);
    if (typeof node === 'object' && node !== null && 'range' in node) {
      const found = line(node.range);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
