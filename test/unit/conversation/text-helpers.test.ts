import { describe, expect, it } from 'vitest';
import { evaluateConditions } from '../../../src/conversation/engine/evaluate-conditions.js';
import { renderTemplate, templateVariables } from '../../../src/conversation/flows/render-template.js';
import { isSmalltalk } from '../../../src/conversation/text/is-smalltalk.js';
import { flowsFrom, PROJECT_LAPOR } from './support/engine-harness.js';

const keywords = flowsFrom({ 'lapor.yaml': PROJECT_LAPOR }).keywords;

describe('isSmalltalk', () => {
  it.each([
    'halo',
    'Haloooo',
    'tes',
    'p',
    '?',
    '...',
    'assalamualaikum',
    'Selamat pagi pak',
    'makasih bu',
    '',
  ])('%j is smalltalk', (text) => {
    expect(isSmalltalk(keywords, text)).toBe(true);
  });
  it.each(['halo, sungai kami tercemar', 'tambang', 'pagi ini ada banjir lumpur'])('%j is not', (text) => {
    expect(isSmalltalk(keywords, text)).toBe(false);
  });
});

describe('renderTemplate', () => {
  it('fills variables, upper-cases on request and drops unknown ones', () => {
    const vars: Record<string, string> = { ref: 'K7QM4T', category_label: 'Lingkungan' };
    expect(renderTemplate('Kode: {{ref}} {{ category_label | upper }} {{nothing}}.', (n) => vars[n])).toBe(
      'Kode: K7QM4T LINGKUNGAN .',
    );
    expect(templateVariables('{{a}} and {{ b | upper }}')).toEqual(['a', 'b']);
  });
});

describe('evaluateConditions', () => {
  const vars = { n: 5, s: 'found', t: true, e: null };
  it.each([
    [{ var: 'n', gte: 5 }, true],
    [{ var: 'n', lt: 5 }, false],
    [{ var: 's', equals: 'found' }, true],
    [{ var: 's', not_equals: 'found' }, false],
    [{ var: 's', in: ['missing', 'found'] }, true],
    [{ var: 's', not_in: ['found'] }, false],
    [{ var: 't', equals: true }, true],
    [{ var: 'e', exists: false }, true],
    [{ var: 'absent', exists: true }, false],
  ])('%j → %s', (condition, expected) => {
    expect(evaluateConditions(condition, vars)).toBe(expected);
  });
  it('a list must all hold', () => {
    expect(
      evaluateConditions(
        [
          { var: 'n', gte: 1 },
          { var: 's', equals: 'x' },
        ],
        vars,
      ),
    ).toBe(false);
  });
});
