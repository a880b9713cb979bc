import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FlowSource, type LoadFlowsResult, parseFlowFiles } from './parse-flow-files.js';

/** Surveys live apart from the complaint flow, but load, lint and run with it. */
export const SURVEYS_DIR = 'surveys';

/**
 * Reads every `*.yaml` in `dir` (and in `dir/surveys/`) and validates them together. Never throws for a
 * bad flow: errors come back as values, so a file watcher can keep the running version on an invalid edit.
 */
export async function loadFlows(dir: string): Promise<LoadFlowsResult> {
  let sources: FlowSource[];
  try {
    sources = [
      ...(await readYamlFiles(dir, '')),
      ...(await readYamlFiles(join(dir, SURVEYS_DIR), SURVEYS_DIR)),
    ];
  } catch (error) {
    // A missing directory, a file renamed or removed while an editor saves it, or one we may not read.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ file: dir, message: `cannot read the flows: ${reason}` }], warnings: [] };
  }
  return parseFlowFiles(sources);
}

async function readYamlFiles(dir: string, prefix: string): Promise<FlowSource[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  } catch (error) {
    // The surveys folder is optional; the flows folder itself is not.
    if (prefix !== '' && error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    names.map(async (name) => ({
      name: prefix ? `${prefix}/${name}` : name,
      text: await readFile(join(dir, name), 'utf8'),
    })),
  );
}
