import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FlowSource, type LoadFlowsResult, parseFlowFiles } from './parse-flow-files.js';

/**
 * Reads every `*.yaml` in `dir` and validates them together. Never throws for a bad flow: errors
 * come back as values, so a file watcher can keep the running version on an invalid edit.
 */
export async function loadFlows(dir: string): Promise<LoadFlowsResult> {
  let sources: FlowSource[];
  try {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
    sources = await Promise.all(
      names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })),
    );
  } catch (error) {
    // A missing directory, a file renamed or removed while an editor saves it, or one we may not read.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ file: dir, message: `cannot read the flows: ${reason}` }], warnings: [] };
  }
  return parseFlowFiles(sources);
}
