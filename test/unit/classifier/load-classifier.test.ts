import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClassifierLoadError } from '../../../src/classifier/classifier-load-error.js';
import { loadClassifier } from '../../../src/classifier/load-classifier.js';
import { rootPath } from '../../../src/classifier/read-classifier-files.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suara-classifier-'));
  for (const file of ['flows/categories.yaml', 'flows/slang.yaml', 'models/classifier.json']) {
    await cp(rootPath() + file, join(dir, file), { recursive: true });
  }
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(dir, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
}

async function loadIssues(): Promise<string[]> {
  try {
    await loadClassifier(`${dir}/`);
  } catch (error) {
    if (error instanceof ClassifierLoadError) return error.issues;
    throw error;
  }
  throw new Error('expected the loader to fail');
}

describe('loadClassifier', () => {
  it('loads the committed files, with a model trained on the current keywords', async () => {
    const loaded = await loadClassifier();
    expect(loaded.warnings).toEqual([]);
    expect(loaded.threshold).toBeGreaterThan(0);
    expect(loaded.categories.categories.environmental.label).toEqual({ id: 'Lingkungan', en: 'Environment' });
    expect(loaded.classify('sungai keruh krn limbah tambang').category).toBe('environmental');
  });

  it('names file, path and a hint for a keyword weight that is not a number', async () => {
    await edit('flows/categories.yaml', (text) => text.replace('limbah: 3', 'limbah: tiga'));
    const [issue] = await loadIssues();
    expect(issue).toContain('categories.yaml: categories.environmental.keywords.limbah');
    expect(issue).toContain('numeric weight');
  });

  it('rejects an unknown category', async () => {
    await edit('flows/categories.yaml', (text) => text.replace('  revenue:\n', '  revenu:\n'));
    const issues = (await loadIssues()).join('\n');
    expect(issues).toContain('categories.yaml: categories');
    expect(issues).toMatch(/revenu/);
  });

  it('requires bilingual labels', async () => {
    await edit('flows/categories.yaml', (text) =>
      text.replace('label: { id: Lingkungan, en: Environment }', 'label: { id: Lingkungan }'),
    );
    expect((await loadIssues()).join('\n')).toContain('categories.environmental.label.en');
  });

  it('rejects a "*" inside a phrase', async () => {
    await edit('flows/categories.yaml', (text) => text.replace('limbah: 3', '"limbah* cair": 3'));
    expect((await loadIssues()).join('\n')).toContain(
      'keywords.limbah* cair: a "*" may only end a single word',
    );
  });

  it('reports YAML syntax errors with the file name', async () => {
    await edit('flows/slang.yaml', (text) => `${text}\nwords: [unclosed\n`);
    const [issue] = await loadIssues();
    expect(issue).toMatch(/slang\.yaml: YAML syntax error/);
  });

  it('rejects a multi-word key under slang words', async () => {
    await edit('flows/slang.yaml', (text) => text.replace('  yg: yang\n', '  yg x: yang\n'));
    expect((await loadIssues()).join('\n')).toContain('slang.yaml: words.yg x');
  });

  it('reports a missing model file and how to rebuild it', async () => {
    await rm(join(dir, 'models/classifier.json'));
    const [issue] = await loadIssues();
    expect(issue).toMatch(/classifier\.json: cannot read the file \(ENOENT\)/);
  });

  it('asks to retrain when a malformed model is found', async () => {
    await edit('models/classifier.json', (text) => text.replace('"temperature": ', '"temperature": -'));
    expect((await loadIssues()).join('\n')).toContain('classifier.json: temperature');
  });

  it('warns when the keywords changed after training', async () => {
    await edit('flows/categories.yaml', (text) => text.replace('limbah: 3', 'limbah: 3.5'));
    const loaded = await loadClassifier(`${dir}/`);
    expect(loaded.warnings.join('\n')).toContain('suara classify train');
  });
});
