import { describe, expect, it } from 'vitest';
import { ALL_STEPS_FLOW, FINISH_FLOW } from './support/all-steps-flow.js';
import { engineHarness, flowsFrom } from './support/engine-harness.js';

const flows = flowsFrom({ 'lapor.yaml': ALL_STEPS_FLOW, 'finish.yaml': FINISH_FLOW });
const photo = [{ url: 'https://media.example/1.jpg', contentType: 'image/jpeg' }];

/** Walks the all-steps flow until it waits at the named step. */
function walkTo(
  step: 'agree' | 'story' | 'pick' | 'where' | 'photo',
  channel: 'sms' | 'whatsapp' = 'whatsapp',
) {
  const chat = engineHarness(flows, { channel });
  const replies = ['mulai dari sini', '12', 'ya', 'sungai di desa tercemar', 'sumur', 'Kukar'];
  const count = { agree: 2, story: 3, pick: 4, where: 5, photo: 6 }[step];
  for (const reply of replies.slice(0, count)) chat.send(reply);
  return chat;
}

describe('say', () => {
  it('sends its text with variables and goes on to the next step in the list', () => {
    const chat = engineHarness(flows);
    // Both fit one SMS together, so they go as one (issue 11, defect 6).
    expect(chat.send('mulai dari sini').texts).toEqual(['Halo, mulai dari sini\nBerapa orang terdampak?']);
    expect(chat.session?.conversation?.stepId).toBe('people');
  });
});

describe('ask: number', () => {
  it('takes the first number in the reply', () => {
    const chat = engineHarness(flows);
    chat.send('x');
    expect(chat.send('sekitar 12 orang').texts).toEqual(['Setuju? 1=Ya 2=Tidak']);
    expect(chat.session?.conversation?.vars.people).toBe(12);
  });

  it('answers an out-of-range or non-number reply with the invalid text, then takes on_fail', () => {
    const chat = engineHarness(flows);
    chat.send('x');
    expect(chat.send('banyak').texts).toEqual(['Tulis angka 1-1000']);
    expect(chat.session?.conversation?.retries).toBe(1);
    const last = chat.send('5000');
    expect(last.texts).toEqual(['Sampai jumpa']);
    expect(last.session.conversation).toBeNull();
  });
});

describe('branch', () => {
  it('follows the first case that holds, else the default', () => {
    const many = engineHarness(flows);
    many.send('x');
    expect(many.send('250').texts).toEqual(['Banyak sekali\nSetuju? 1=Ya 2=Tidak']);
  });
});

describe('ask: yesno', () => {
  it.each([
    ['ya', true],
    ['Iya pak', true],
    ['1', true],
    ['tdk', false],
    ['gak', false],
    ['2', false],
    ['ya tidak', false],
  ])('%j is %s', (reply, value) => {
    const chat = walkTo('agree');
    chat.send(reply);
    expect(chat.session?.conversation?.vars.agreed).toBe(value);
  });

  it('re-asks on an unclear reply (no invalid text: the prompt again)', () => {
    const chat = walkTo('agree');
    expect(chat.send('gimana ya').texts).toEqual(['Setuju? 1=Ya 2=Tidak']);
  });
});

describe('ask: text', () => {
  it('keeps the words as a free-text turn for the report', () => {
    const chat = walkTo('story');
    chat.send('sungai di desa tercemar');
    expect(chat.session?.conversation?.vars.story).toBe('sungai di desa tercemar');
    expect(chat.session?.conversation?.texts).toContain('sungai di desa tercemar');
  });

  it('rejects greetings and too-short replies', () => {
    const chat = walkTo('story');
    expect(chat.send('halo pak').texts).toEqual(['Ceritakan']);
    expect(chat.send('ok').texts).toEqual(['Ceritakan']);
    expect(chat.session?.conversation?.retries).toBe(2);
  });
});

describe('ask: choice', () => {
  it('numbers only the visible options and renders them into {{options}}', () => {
    expect(walkTo('story').send('sungai di desa tercemar').texts).toEqual(['Pilih 1=Air 2=Udara 3=Tanah']);
    const disagree = engineHarness(flows, { channel: 'whatsapp' });
    disagree.send('x');
    disagree.send('12');
    disagree.send('tidak');
    expect(disagree.send('sungai di desa tercemar').texts).toEqual(['Pilih 1=Air 2=Tanah']);
  });

  it.each([
    ['2', 'air'],
    ['dua', 'air'],
    ['no 3', 'land'],
    ['Udara', 'air'],
    ['debu', 'air'],
    ['yg lahan pak', 'land'],
    ['SUMUR', 'water'],
  ])('%j picks %s', (reply, value) => {
    const chat = walkTo('pick');
    chat.send(reply);
    expect(chat.session?.conversation?.vars.picked).toBe(value);
  });

  it('does not guess when a reply names two options or a number out of range', () => {
    const chat = walkTo('pick');
    expect(chat.send('sumur dan lahan').texts).toEqual(['Pilih 1=Air 2=Udara 3=Tanah']);
    chat.send('7');
    // Retries exhausted without on_fail: the step's next is taken, with nothing saved.
    expect(chat.session?.conversation?.stepId).toBe('where');
    expect(chat.session?.conversation?.vars.picked).toBeUndefined();
  });
});

describe('ask: location', () => {
  it('resolves the reply and records names and codes', () => {
    const chat = walkTo('where');
    chat.send('Kukar');
    const vars = chat.session?.conversation?.vars;
    expect(vars).toMatchObject({
      regency: 'Kabupaten Kutai Kartanegara',
      regency_code: '64.02',
      province_code: '64',
    });
  });

  it('asks for the regency when only the province is known, then reads both replies together', () => {
    const chat = walkTo('where');
    expect(chat.send('Kaltim').texts).toEqual(['Kabupaten mana di Kalimantan Timur?']);
    chat.send('Samarinda');
    expect(chat.session?.conversation?.vars.regency_code).toBe('64.72');
  });

  it('asks which one for an ambiguous place and keeps the village once it is settled', () => {
    const chat = walkTo('where');
    expect(chat.send('Sukamaju').texts).toEqual(['Suka Maju yang mana?']);
    chat.send('Kukar');
    expect(chat.session?.conversation?.vars.village_code).toBe('64.02.16.2015');
  });

  it('accepts a skip word and moves on without a place', () => {
    const chat = walkTo('where');
    chat.send('tidak tahu');
    expect(chat.session?.conversation?.vars.location_status).toBe('skipped');
    expect(chat.session?.conversation?.stepId).toBe('photo');
  });
});

describe('ask: media, goto flow, classify, locate, create_report, end', () => {
  it('on WhatsApp takes a photo, then runs the other flow to the report', () => {
    const chat = walkTo('photo');
    const done = chat.send('', { media: photo });
    const report = done.effects.find((e) => e.type === 'create_report');
    expect(report).toMatchObject({
      report: {
        category: 'environmental',
        provenance: { classifier: { category: 'environmental', confidence: 0.92 }, citizenChoice: null },
        location: { regencyCode: '64.02', provinceCode: '64' },
        media: photo,
        texts: ['mulai dari sini', 'sungai di desa tercemar', 'Kukar'],
        flowId: 'finish',
      },
    });
    expect(done.texts.at(-1)).toMatch(/^Kode K7QM\d\d: Lingkungan, water, Kabupaten Kutai Kartanegara$/);
    expect(done.session.conversation).toBeNull();
  });

  it('accepts a skip word instead of a photo', () => {
    const chat = walkTo('photo');
    const done = chat.send('lewati');
    expect(done.effects.some((e) => e.type === 'create_report')).toBe(true);
  });

  it('passes over the media step on SMS without a prompt', () => {
    const chat = walkTo('where', 'sms');
    const done = chat.send('Kukar');
    expect(done.texts.some((t) => t.includes('foto'))).toBe(false);
    expect(done.effects.some((e) => e.type === 'create_report')).toBe(true);
  });
});
