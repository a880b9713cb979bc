import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../../src/classifier/create-featurizer.js';
import { createReloadableClassifier } from '../../../src/classifier/create-reloadable-classifier.js';
import { CLASSIFIER_FILES, readModel, rootPath } from '../../../src/classifier/read-classifier-files.js';
import { loadFlows } from '../../../src/conversation/flows/load-flows.js';
import { projectPath } from '../../../src/project-path.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suara-flows-'));
  await cp(projectPath('flows'), dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function knowledgeIn(flowsDir: string): Promise<Knowledge> {
  const loaded = await loadFlows(flowsDir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  if (loaded.flows.knowledge === null) throw new Error('no classifier knowledge in the flows');
  return loaded.flows.knowledge;
}

describe('categories.yaml has one owner, one parse, one reload', () => {
  it('gives the flows the threshold and labels the classifier validated, from the flows folder', async () => {
    await writeFile(
      join(dir, 'categories.yaml'),
      (await readFile(join(dir, 'categories.yaml'), 'utf8')).replace(
        /^confidence_threshold: .*$/m,
        'confidence_threshold: 0.83',
      ),
    );
    const loaded = await loadFlows(dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.flows.categories.confidenceThreshold).toBe(0.83);
    expect(loaded.flows.knowledge?.categories.confidence_threshold).toBe(0.83);
    expect(loaded.flows.categories.labels.revenue).toEqual({ id: 'Pendapatan', en: 'Revenue' });
  });

  it('refuses a categories.yaml the classifier could not use, instead of defaulting', async () => {
    await writeFile(
      join(dir, 'categories.yaml'),
      (await readFile(join(dir, 'categories.yaml'), 'utf8')).replace(/^confidence_threshold: .*$/m, ''),
    );
    const loaded = await loadFlows(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors[0]).toMatchObject({ file: 'categories.yaml' });
  });

  it('rebuilds the classifier when the flows are reloaded with new keywords', async () => {
    const model = await readModel(rootPath() + CLASSIFIER_FILES.model);
    let current = await knowledgeIn(dir);
    const warnings: string[] = [];
    const classify = createReloadableClassifier(
      () => current,
      model,
      (w) => void warnings.push(w),
    );
    const message = 'warga resah soal gombloh di kampung';
    expect(classify(message).evidence).not.toContain('gombloh');
    expect(warnings).toEqual([]);

    await writeFile(
      join(dir, 'categories.yaml'),
      (await readFile(join(dir, 'categories.yaml'), 'utf8')).replace(
        '      limbah: 3\n',
        '      limbah: 3\n      gombloh: 5\n',
      ),
    );
    current = await knowledgeIn(dir);
    const after = classify(message);
    expect(after.category).toBe('environmental');
    expect(after.evidence).toContain('gombloh');
    // The model was trained before the edit, and says so once.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('run `suara classify train`');
    classify(message);
    expect(warnings).toHaveLength(1);
  });
});
