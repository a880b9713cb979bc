import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/conversation/text/detect-language.js';
import { engineHarness, flowsFrom, PROJECT_LAPOR } from './support/engine-harness.js';

const flows = flowsFrom({ 'lapor.yaml': PROJECT_LAPOR });

describe('detectLanguage', () => {
  it.each([
    ['sungai di desa kami tercemar limbah tambang', 'id'],
    ['tolong pak, air sumur kotor', 'id'],
    ['The river near our village is polluted', 'en'],
    ['hello', 'en'],
    ['halo', 'id'],
  ])('%j → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('gives no answer for messages without a sign', () => {
    expect(detectLanguage('1')).toBeNull();
    expect(detectLanguage('K7QM4T')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });
});

describe('language in the conversation', () => {
  it('detects the first message and remembers it through the session and a set_language effect', () => {
    const chat = engineHarness(flows);
    const first = chat.send('The river near our village is polluted');
    expect(first.effects).toContainEqual({ type: 'set_language', language: 'en' });
    expect(first.texts[0]).toContain('Your report: ENVIRONMENT. Where is it?');
    expect(chat.session?.language).toBe('en');
    expect(chat.send('Kukar').texts[0]).toContain('Code K7QM02, ENVIRONMENT. Wrong category?');
  });

  it('keeps the contact language over what a message looks like', () => {
    const chat = engineHarness(flows, { language: 'id' });
    const result = chat.send('hello');
    expect(result.effects.some((e) => e.type === 'set_language')).toBe(false);
    expect(result.texts[0]).toContain('Selamat datang');
  });

  it('answers an unclear first message in Bahasa Indonesia without remembering a guess', () => {
    const chat = engineHarness(flows);
    const result = chat.send('?');
    expect(result.texts[0]).toContain('Selamat datang');
    expect(result.effects).toEqual([]);
    expect(chat.session?.language).toBeNull();
  });

  it('switches language by keyword and asks the waiting question again in the new language', () => {
    const chat = engineHarness(flows);
    chat.send('sungai tercemar di Kukar');
    const switched = chat.send('ENGLISH');
    expect(switched.effects).toContainEqual({ type: 'set_language', language: 'en' });
    expect(switched.texts).toEqual([
      'OK, we will reply in English.',
      'Code K7QM01, ENVIRONMENT. Wrong category? Reply 2=Licensing 3=Revenue 4=Other. Your identity stays private. Check status: STATUS K7QM01',
    ]);
    expect(chat.send('bahasa indonesia').texts[1]).toContain('Kode K7QM01, LINGKUNGAN');
  });
});
