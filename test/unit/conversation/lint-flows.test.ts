import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFlowSet } from '../../../src/conversation/flows/lint-flow-set.js';
import { lintFlows } from '../../../src/conversation/flows/lint-flows.js';
import { projectPath } from '../../../src/project-path.js';
import { flowsFrom, PROJECT_KEYWORDS, PROJECT_LAPOR } from './support/engine-harness.js';

const SAY = (id: string, text: string, extra = '') =>
  `  - id: ${id}\n    type: say\n    text: { id: "${text}", en: "${text} (en)" }\n${extra}`;

describe('lintFlows', () => {
  it('finds nothing wrong with the project flows', async () => {
    expect(await lintFlows(projectPath('flows'))).toMatchObject({ errors: [], warnings: [] });
  });

  it('returns load errors, such as a missing translation, as lint errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-'));
    writeFileSync(join(dir, 'keywords.yaml'), PROJECT_KEYWORDS);
    writeFileSync(
      join(dir, 'lapor.yaml'),
      'id: lapor\nsteps:\n  - id: a\n    type: say\n    text: { id: Halo }\n',
    );
    const report = await lintFlows(dir);
    expect(report.errors[0]).toMatchObject({ stepId: 'a', field: 'text.en' });
  });
});

describe('lintFlowSet', () => {
  it('warns about unreachable steps and a conversation that ends without an end step', () => {
    const flows = flowsFrom({
      'lapor.yaml': `id: lapor\nsteps:\n${SAY('a', 'Satu', '    next: c\n')}${SAY('b', 'Dua')}${SAY('c', 'Tiga')}`,
    });
    const { warnings } = lintFlowSet(flows);
    expect(warnings).toEqual([
      expect.objectContaining({ stepId: 'b', message: 'unreachable: no step leads here' }),
      expect.objectContaining({ stepId: 'c', message: 'the conversation ends here without an end step' }),
    ]);
  });

  it('fails on undefined template variables', () => {
    const flows = flowsFrom({
      'lapor.yaml': `id: lapor\nsteps:\n${SAY('a', 'Halo {{nama}}')}  - id: z\n    type: end\n`,
    });
    expect(lintFlowSet(flows).errors).toEqual([
      expect.objectContaining({ stepId: 'a', field: 'text.id', message: 'unknown variable {{nama}}' }),
      expect.objectContaining({ stepId: 'a', field: 'text.en', message: 'unknown variable {{nama}}' }),
    ]);
  });

  it('warns above one SMS segment, fails above three, and flags characters that force UCS-2', () => {
    const long = 'a'.repeat(200);
    const tooLong = 'b'.repeat(480);
    const flows = flowsFrom({
      'lapor.yaml': `id: lapor\nsteps:\n${SAY('long', long)}${SAY('too_long', tooLong)}${SAY('curly', 'Kirim “STATUS” 🙏')}  - id: z\n    type: end\n`,
    });
    const { errors, warnings } = lintFlowSet(flows);
    expect(warnings).toContainEqual(
      expect.objectContaining({ stepId: 'long', message: expect.stringContaining('2 SMS segments') }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ stepId: 'too_long', message: expect.stringContaining('4 SMS segments') }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ stepId: 'curly', message: expect.stringContaining('force UCS-2') }),
    );
  });

  it('lets WhatsApp-only media prompts exceed SMS limits', () => {
    const flows = flowsFrom({
      'lapor.yaml': PROJECT_LAPOR.replace(
        'Ada foto atau rekaman suara?',
        `Ada foto atau rekaman suara? ${'x'.repeat(500)} 📷`,
      ),
    });
    expect(lintFlowSet(flows).errors).toEqual([]);
  });
});
