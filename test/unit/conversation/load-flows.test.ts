import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFlowError } from '../../../src/conversation/flows/flow-error.js';
import { loadFlows } from '../../../src/conversation/flows/load-flows.js';
import { parseFlowFiles } from '../../../src/conversation/flows/parse-flow-files.js';
import { projectPath } from '../../../src/project-path.js';
import { PROJECT_KEYWORDS, PROJECT_LAPOR } from './support/engine-harness.js';

const parse = (lapor: string, extra: Record<string, string> = {}) =>
  parseFlowFiles(
    Object.entries({ 'keywords.yaml': PROJECT_KEYWORDS, 'lapor.yaml': lapor, ...extra }).map(
      ([name, text]) => ({
        name,
        text,
      }),
    ),
  );

function errorsOf(lapor: string, extra: Record<string, string> = {}) {
  const result = parse(lapor, extra);
  if (result.ok) throw new Error('expected the load to fail');
  return result.errors;
}

describe('loadFlows', () => {
  it('loads the project flows, reading category labels and threshold from categories.yaml', async () => {
    const result = await loadFlows(projectPath('flows'));
    if (!result.ok) throw new Error(result.errors.map(formatFlowError).join('\n'));
    expect(Object.keys(result.flows.flows)).toEqual(['lapor', 'nilai_dlh']);
    expect(result.flows.categories.source).toBe('categories.yaml');
    expect(result.flows.categories.labels.environmental).toEqual({ id: 'Lingkungan', en: 'Environment' });
    expect(result.warnings).toEqual([]);
  });

  it('reports an unreadable directory as a value', async () => {
    const result = await loadFlows(join(tmpdir(), 'no-such-flows-dir'));
    expect(result.ok).toBe(false);
  });

  it('skips YAML files that belong to other parts of Suara', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flows-'));
    writeFileSync(join(dir, 'keywords.yaml'), PROJECT_KEYWORDS);
    writeFileSync(join(dir, 'lapor.yaml'), PROJECT_LAPOR);
    writeFileSync(join(dir, 'slang.yaml'), 'words:\n  yg: yang\n');
    const result = await loadFlows(dir);
    expect(result.ok).toBe(true);
    // Without categories.yaml the built-in labels are used, and said so.
    if (result.ok) expect(result.warnings[0]?.message).toContain('built-in defaults');
  });
});

describe('load errors name the file, the step and the field, with a hint', () => {
  it('missing translation', () => {
    const bad = PROJECT_LAPOR.replace(/\n {6}en: "What is your report about\? \{\{options\}\}"/, '');
    const [error] = errorsOf(bad);
    expect(error).toMatchObject({ file: 'lapor.yaml', stepId: 'choose_category', field: 'prompt.en' });
    expect(formatFlowError(error ?? { file: '', message: '' })).toContain('missing English translation');
  });

  it('unknown step type', () => {
    const bad = PROJECT_LAPOR.replace('type: classify', 'type: clasify');
    expect(errorsOf(bad)[0]).toMatchObject({
      stepId: 'classify',
      field: 'type',
      message: expect.stringContaining('must be one of'),
    });
  });

  it('misspelt field', () => {
    const bad = PROJECT_LAPOR.replace('save_as: location', 'saveas: location');
    expect(errorsOf(bad)[0]).toMatchObject({
      stepId: 'ask_location',
      message: 'unknown field saveas',
      hint: expect.any(String),
    });
  });

  it('unknown step reference, with a suggestion', () => {
    const bad = PROJECT_LAPOR.replace('next: locate', 'next: locat');
    expect(errorsOf(bad)).toEqual([
      expect.objectContaining({
        stepId: 'classify',
        field: 'next',
        message: 'unknown step "locat"',
        hint: 'did you mean "locate"?',
      }),
    ]);
  });

  it('duplicate step id', () => {
    const bad = PROJECT_LAPOR.replace('- id: locate', '- id: classify');
    expect(errorsOf(bad).some((e) => e.message === 'step id used twice')).toBe(true);
  });

  it('invalid YAML names the line', () => {
    const [error] = errorsOf('id: lapor\nsteps:\n  - id: a\n   type: say');
    expect(error?.field).toMatch(/^line \d+, column \d+$/);
  });

  it('a condition with two operators', () => {
    const bad = PROJECT_LAPOR.replace(
      '{ var: location_status, equals: found }',
      '{ var: location_status, equals: found, exists: true }',
    );
    expect(errorsOf(bad)[0]).toMatchObject({
      stepId: 'route_location',
      message: expect.stringContaining('exactly one of'),
    });
  });

  it('a missing keywords.yaml', () => {
    const result = parseFlowFiles([{ name: 'lapor.yaml', text: PROJECT_LAPOR }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ file: 'keywords.yaml', message: 'missing' });
  });

  it('a keyword that starts an unknown flow', () => {
    const keywords = PROJECT_KEYWORDS.replace('default_flow: lapor', 'default_flow: laporan');
    const result = parseFlowFiles([
      { name: 'keywords.yaml', text: keywords },
      { name: 'lapor.yaml', text: PROJECT_LAPOR },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ file: 'keywords.yaml', field: 'default_flow' });
  });
});
