import { describe, expect, it } from 'vitest';
import { matchKeyword } from '../../../src/conversation/text/match-keyword.js';
import { flowsFrom, PROJECT_LAPOR } from './support/engine-harness.js';

const config = flowsFrom({ 'lapor.yaml': PROJECT_LAPOR }).keywords;

describe('matchKeyword', () => {
  it.each([
    ['BATAL', 'cancel'],
    ['batal', 'cancel'],
    [' B a T a L ', 'cancel'],
    ['bätal!', 'cancel'],
    ['CANCEL', 'cancel'],
    ['Bantuan', 'help'],
    ['info', 'help'],
    ['HELP', 'help'],
    ['stop', 'opt_out'],
    ['BERHENTI', 'opt_out'],
    ['Mulai', 'opt_in'],
    ['START', 'opt_in'],
    ['english', 'language'],
  ])('%j is %s', (text, action) => {
    expect(matchKeyword(config, text)?.action).toBe(action);
  });

  it('does not take a keyword inside a complaint', () => {
    expect(matchKeyword(config, 'stop tambang ilegal di desa kami')).toBeNull();
    expect(matchKeyword(config, 'info tambang ilegal di sungai')).toBeNull();
    expect(matchKeyword(config, 'cek sungai kami yang tercemar limbah')).toBeNull();
    expect(matchKeyword(config, 'sungai keruh, tolong batal izinnya')).toBeNull();
  });

  it('LAPOR/ADUAN/REPORT start the complaint flow and keep what follows as the complaint', () => {
    expect(matchKeyword(config, 'LAPOR')).toMatchObject({ action: 'start_flow', flow: 'lapor', rest: '' });
    expect(matchKeyword(config, 'lapor: sungai keruh di Kukar')).toMatchObject({
      action: 'start_flow',
      rest: 'sungai keruh di Kukar',
    });
    expect(matchKeyword(config, 'Aduan tambang liar')).toMatchObject({
      action: 'start_flow',
      rest: 'tambang liar',
    });
    expect(matchKeyword(config, 'REPORT')).toMatchObject({ action: 'start_flow', language: 'en' });
  });

  it('STATUS/CEK read the code whatever its spacing, case or O/0 and I/1 confusion', () => {
    expect(matchKeyword(config, 'STATUS K7QM4T')).toMatchObject({ action: 'status', code: 'K7QM4T' });
    expect(matchKeyword(config, 'status k7qm-4t')).toMatchObject({ action: 'status', code: 'K7QM4T' });
    expect(matchKeyword(config, 'CEK  k7 qm4t')).toMatchObject({ action: 'status', code: 'K7QM4T' });
    expect(matchKeyword(config, 'statusK7QM4T')).toMatchObject({ action: 'status', code: 'K7QM4T' });
    expect(matchKeyword(config, 'cek 1O1O1O')).toMatchObject({ action: 'status', code: '101010' });
    expect(matchKeyword(config, 'STATUS')).toMatchObject({ action: 'status', code: null });
    expect(matchKeyword(config, 'STATUS K7QM4U')).toMatchObject({ action: 'status', code: null });
  });

  it('gives a language hint only for words one language owns', () => {
    expect(matchKeyword(config, 'BATAL')?.language).toBe('id');
    expect(matchKeyword(config, 'cancel')?.language).toBe('en');
    expect(matchKeyword(config, 'STOP')?.language).toBeNull();
  });
});
