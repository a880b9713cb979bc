import { parseDocument } from 'yaml';
import { type CategoriesFile, categoriesSchema } from '../../classifier/categories-schema.js';
import { type SlangFile, slangSchema } from '../../classifier/slang-schema.js';
import { checkFlowReferences } from './check-flow-references.js';
import type { FlowError } from './flow-error.js';
import { type Flow, flowSchema } from './flow-schema.js';
import type { FlowSet } from './flow-set.js';
import { type KeywordsFile, keywordsFileSchema } from './keywords-schema.js';
import { readCategorySettings } from './read-category-settings.js';
import { surveyKeywords } from './survey-keywords.js';
import { zodIssueToFlowError } from './zod-issue-to-flow-error.js';

export interface FlowSource {
  /** File name relative to the flows directory, e.g. `lapor.yaml`. */
  name: string;
  text: string;
}

/**
 * `ok: false` keeps the errors as values so a hot-reload watcher can keep serving the previous
 * FlowSet and log why the edit was refused.
 */
export type LoadFlowsResult =
  | { ok: true; flows: FlowSet; warnings: FlowError[] }
  | { ok: false; errors: FlowError[]; warnings: FlowError[] };

export const KEYWORDS_FILE = 'keywords.yaml';
export const CATEGORIES_FILE = 'categories.yaml';
export const SLANG_FILE = 'slang.yaml';

/**
 * Parses and validates the YAML files of a flows directory, without touching the file system.
 * Files with a top-level `steps` list are flows; keywords.yaml holds the global keywords and system
 * texts; categories.yaml and slang.yaml are the classifier's knowledge, validated with the classifier's
 * schemas and parsed here only, so the flows and the classifier read one copy and reload together;
 * other files (place-aliases.yaml, ...) belong to other parts of Suara and are skipped.
 */
export function parseFlowFiles(sources: FlowSource[]): LoadFlowsResult {
  const errors: FlowError[] = [];
  const warnings: FlowError[] = [];
  const flows: { file: string; flow: Flow }[] = [];
  let keywords: { file: string; config: KeywordsFile } | undefined;
  let categories: CategoriesFile | undefined;
  let slang: SlangFile | undefined;
  // Ids of flows that failed validation, so references to them do not add a second, misleading error.
  const brokenFlowIds: string[] = [];

  for (const source of [...sources].sort((a, b) => a.name.localeCompare(b.name))) {
    const doc = parseDocument(source.text, { uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const line = e.linePos?.[0];
        errors.push({
          file: source.name,
          field: line ? `line ${line.line}, column ${line.col}` : '',
          message: `not valid YAML: ${(e.message.split('\n')[0] ?? e.code).replace(/ at line \d+, column \d+:?$/, '')}`,
          hint: 'check indentation, and quote texts that contain ": " or start with a symbol',
        });
      }
      continue;
    }
    const raw: unknown = doc.toJS();
    if (source.name === CATEGORIES_FILE) {
      const parsed = categoriesSchema.safeParse(raw);
      if (parsed.success) categories = parsed.data;
      else errors.push(...parsed.error.issues.map((i) => zodIssueToFlowError(source.name, raw, i)));
    } else if (source.name === SLANG_FILE) {
      const parsed = slangSchema.safeParse(raw);
      if (parsed.success) slang = parsed.data;
      else errors.push(...parsed.error.issues.map((i) => zodIssueToFlowError(source.name, raw, i)));
    } else if (source.name === KEYWORDS_FILE) {
      const parsed = keywordsFileSchema.safeParse(raw);
      if (parsed.success) keywords = { file: source.name, config: parsed.data };
      else errors.push(...parsed.error.issues.map((i) => zodIssueToFlowError(source.name, raw, i)));
    } else if (typeof raw === 'object' && raw !== null && 'steps' in raw) {
      const parsed = flowSchema.safeParse(raw);
      if (parsed.success) flows.push({ file: source.name, flow: parsed.data });
      else {
        errors.push(...parsed.error.issues.map((i) => zodIssueToFlowError(source.name, raw, i)));
        if ('id' in raw && typeof raw.id === 'string') brokenFlowIds.push(raw.id);
      }
    }
  }

  if (!keywords) {
    if (!errors.some((e) => e.file === KEYWORDS_FILE)) {
      errors.push({
        file: KEYWORDS_FILE,
        message: 'missing',
        hint: 'the flows directory needs keywords.yaml with default_flow, keywords and messages',
      });
    }
    return { ok: false, errors, warnings };
  }
  keywords = {
    ...keywords,
    config: {
      ...keywords.config,
      keywords: [...keywords.config.keywords, ...surveyKeywords(flows.map((f) => f.flow))],
    },
  };
  errors.push(...checkFlowReferences(flows, keywords, brokenFlowIds));
  if (errors.length > 0) return { ok: false, errors, warnings };

  const settings = readCategorySettings(categories);
  if (categories === undefined) {
    warnings.push({
      file: CATEGORIES_FILE,
      message: 'not found; built-in defaults are used (the conversation runtime needs the file)',
    });
  }
  return {
    ok: true,
    warnings,
    flows: {
      flows: Object.fromEntries(flows.map(({ flow }) => [flow.id, flow])),
      keywords: keywords.config,
      categories: settings,
      knowledge: categories && slang ? { categories, slang } : null,
      files: Object.fromEntries(flows.map(({ file, flow }) => [flow.id, file])),
    },
  };
}
