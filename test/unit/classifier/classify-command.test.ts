import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyCommand } from '../../../src/cli/classify-command.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  return { out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('suara classify', () => {
  it('prints the decision, confidence and evidence', async () => {
    const { out } = capture();
    expect(await classifyCommand.run(['tlg pak sunge kmi keruh gr2 tmbg nikel'])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/category\s+environmental \(Lingkungan \/ Environment\)/);
    expect(text).toMatch(/confidence\s+0\.\d\d|confidence\s+1\.00/);
    expect(text).toMatch(/evidence\s+.*keruh/);
  });

  it('names the line of a bad JSONL row, without a stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suara-cli-'));
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, '{"text": "sungai keruh", "label": "environmental"}\n{oops\n');
    const { err } = capture();
    expect(await classifyCommand.run(['eval', file, '--folds', '5'])).toBe(1);
    expect(err.join('\n')).toBe(
      `suara classify: ${file}:2: not a JSON object (each line must be one {"text": ..., "label": ...})`,
    );
    await rm(dir, { recursive: true, force: true });
  });

  it('eval without a file prints the three figures, each labelled for what it is', {
    timeout: 60_000,
  }, async () => {
    const { out } = capture();
    expect(await classifyCommand.run(['eval'])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('5-fold cross-validation on the training split (data/classifier/train.jsonl)');
    expect(text).toContain(
      'committed model on the test split (data/classifier/test.jsonl), never trained or tuned on',
    );
    expect(text).toContain('committed model on the hard cases (data/classifier/hard-cases.jsonl)');
    expect(text.match(/^calibration error {4}\d\.\d{3}/gm)).toHaveLength(3);
  });

  it('reports a missing file and a bad --folds value clearly', async () => {
    const { err } = capture();
    expect(await classifyCommand.run(['eval', '/nonexistent/x.jsonl'])).toBe(1);
    expect(await classifyCommand.run(['eval', 'x.jsonl', '--folds', 'one'])).toBe(2);
    expect(err.join('\n')).toContain('cannot read the file (ENOENT)');
    expect(err.join('\n')).toContain('--folds must be an integer of at least 2');
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });
});
