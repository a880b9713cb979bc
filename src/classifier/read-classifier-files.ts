import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { projectPath } from '../project-path.js';
import { type CategoriesFile, categoriesSchema } from './categories-schema.js';
import { ClassifierLoadError } from './classifier-load-error.js';
import type { Knowledge } from './create-featurizer.js';
import { type ModelFile, modelSchema } from './model-schema.js';
import { type SlangFile, slangSchema } from './slang-schema.js';

export const CLASSIFIER_FILES = {
  categories: 'flows/categories.yaml',
  slang: 'flows/slang.yaml',
  model: 'models/classifier.json',
} as const;

const HINTS: Record<string, string> = {
  invalid_type: 'check the value type and indentation',
  unrecognized_keys: 'only licensing, environmental, revenue and other are categories; check spelling',
  too_small: 'the value is too small or empty',
  too_big: 'the value is too large',
};

export function rootPath(root: string | URL = projectPath()): string {
  const url = typeof root === 'string' ? root : fileURLToPath(root);
  return url.endsWith('/') ? url : `${url}/`;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ClassifierLoadError([`${file}: cannot read the file (${code}); is the path right?`]);
  }
}

function validate<T>(schema: z.ZodType<T>, data: unknown, file: string, retrain: boolean): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ClassifierLoadError(
    result.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      const hint = retrain
        ? 'run `suara classify train` to rebuild it'
        : (HINTS[issue.code] ?? 'see the comments at the top of the file');
      return `${file}: ${where}: ${issue.message} (hint: ${hint})`;
    }),
  );
}

async function readYaml<T>(schema: z.ZodType<T>, file: string): Promise<T> {
  const text = await readText(file);
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ClassifierLoadError([
      `${file}: YAML syntax error: ${message} (hint: check indentation and quotes)`,
    ]);
  }
  return validate(schema, data, file, false);
}

/** Reads and validates flows/categories.yaml and flows/slang.yaml. Throws ClassifierLoadError. */
export async function readKnowledge(root?: string | URL): Promise<Knowledge> {
  const dir = rootPath(root);
  const [categories, slang]: [CategoriesFile, SlangFile] = await Promise.all([
    readYaml(categoriesSchema, dir + CLASSIFIER_FILES.categories),
    readYaml(slangSchema, dir + CLASSIFIER_FILES.slang),
  ]);
  return { categories, slang };
}

/** Reads and validates a trained model file. Throws ClassifierLoadError. */
export async function readModel(file: string): Promise<ModelFile> {
  const text = await readText(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ClassifierLoadError([
      `${file}: not valid JSON (hint: run \`suara classify train\` to rebuild it)`,
    ]);
  }
  return validate(modelSchema, data, file, true);
}
