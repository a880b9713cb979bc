import { describe, expect, it } from 'vitest';
import { engineHarness, flowsFrom } from './support/engine-harness.js';

// A small flow with the fields that handle replies that answer no question: on_content and on_no.
const FLOW = `
id: lapor
steps:
  - id: classify
    type: classify
  - id: locate
    type: locate
  - id: route
    type: branch
    cases:
      - when: { var: citizen_category, exists: true }
        goto: route_place
      - when: { var: category_confident, equals: true }
        goto: confirm
    default: menu
  - id: menu
    type: ask
    prompt: { id: "Tentang apa? {{options}}", en: "About what? {{options}}" }
    expect:
      type: choice
      options:
        - { value: licensing, label: { id: Perizinan, en: Licensing }, synonyms: [izin] }
        - { value: environmental, label: { id: Lingkungan, en: Environment }, synonyms: [sungai] }
    save_as: citizen_category
    invalid: { id: "Balas angka {{options}}", en: "Reply a number {{options}}" }
    on_content: classify
    on_fail: route_place
    next: route_place
  - id: confirm
    type: ask
    prompt: { id: "{{category_label}}? {{options}}", en: "{{category_label}}? {{options}}" }
    expect:
      type: choice
      dedupe: true
      options:
        - { value: "{{category}}", label: { id: Ya, en: "Yes" }, synonyms: [ya] }
        - { value: licensing, label: { id: Perizinan, en: Licensing } }
        - { value: environmental, label: { id: Lingkungan, en: Environment } }
    save_as: citizen_category
    on_no: menu
    on_content: classify
    next: route_place
  - id: route_place
    type: branch
    cases:
      - when: { var: location_status, equals: found }
        goto: save
    default: where
  - id: where
    type: ask
    prompt: { id: "Di mana?", en: "Where?" }
    expect:
      type: location
      partial_prompt: { id: "Kabupaten mana di {{province}}?", en: "Which regency in {{province}}?" }
      ambiguous_prompt: { id: "{{place}} yang mana?", en: "Which {{place}}?" }
    save_as: place_name
    invalid: { id: "Lokasi belum dikenali", en: "Place not recognised" }
    on_content: relocate
    on_fail: save
    next: save
  - id: relocate
    type: locate
    next: route_place
  - id: save
    type: create_report
  - id: done
    type: end
    text: { id: "Kode {{ref}}", en: "Code {{ref}}" }
`;
const flows = flowsFrom({ 'lapor.yaml': FLOW });

function reportOf(result: ReturnType<ReturnType<typeof engineHarness>['send']>) {
  const effect = result.effects.find((e) => e.type === 'create_report');
  if (effect?.type !== 'create_report') throw new Error(`no report: ${result.texts.join(' | ')}`);
  return effect.report;
}

describe('a reply that answers no question (issue 11)', () => {
  it('keeps a description sent to the menu, re-classifies with it and asks only what is missing', () => {
    const chat = engineHarness(flows);
    expect(chat.send('ada masalah di kampung').texts).toEqual(['Tentang apa? 1=Perizinan 2=Lingkungan']);
    expect(chat.send('airnya keruh dan berbau sejak tambang buka').texts).toEqual([
      'Lingkungan? 1=Ya 2=Perizinan',
    ]);
    chat.send('1');
    const done = chat.send('Kukar');
    expect(reportOf(done).texts).toEqual([
      'ada masalah di kampung',
      'airnya keruh dan berbau sejak tambang buka',
      'Kukar',
    ]);
  });

  it('picks up a place said in a reply to the menu, and does not ask for it again', () => {
    const chat = engineHarness(flows);
    chat.send('ada masalah di kampung');
    expect(chat.send('di Samarinda').texts).toEqual(['Tentang apa? 1=Perizinan 2=Lingkungan']);
    const done = chat.send('2');
    expect(done.texts).toEqual(['Kode K7QM03']);
    expect(reportOf(done).location.regencyCode).toBe('64.72');
    expect(reportOf(done).location.rawText).toBe('Samarinda');
  });

  it('counts a description as one of the step’s tries, so the citizen is not asked forever', () => {
    const chat = engineHarness(flows);
    chat.send('ada masalah di kampung');
    chat.send('kami tidak tahu harus ke mana lagi');
    const second = chat.send('sudah lama sekali begini terus');
    expect(second.texts).toEqual(['Di mana?']);
    expect(chat.session?.conversation?.texts).toHaveLength(3);
  });

  it('keeps a shrug on the report but answers it as before', () => {
    const chat = engineHarness(flows);
    chat.send('ada masalah di kampung');
    expect(chat.send('hmm gimana').texts).toEqual(['Balas angka 1=Perizinan 2=Lingkungan']);
    expect(chat.session?.conversation?.texts).toEqual(['ada masalah di kampung', 'hmm gimana']);
  });

  it('keeps a description sent instead of a place and asks for the place again', () => {
    const chat = engineHarness(flows);
    chat.send('sungai keruh');
    chat.send('1');
    expect(chat.send('jalan ke kebun juga rusak parah').texts).toEqual(['Di mana?']);
    const done = chat.send('Kukar');
    expect(reportOf(done).texts).toEqual(['sungai keruh', 'jalan ke kebun juga rusak parah', 'Kukar']);
  });

  it.each(['tidak', 'bukan', 'no', 'salah', 'bukan itu'])('goes to on_no on %j', (no) => {
    const chat = engineHarness(flows);
    chat.send('sungai keruh');
    expect(chat.send(no).texts).toEqual(['Tentang apa? 1=Perizinan 2=Lingkungan']);
  });

  it('does not keep a bare answer, a yes or a no among the citizen’s words', () => {
    const chat = engineHarness(flows);
    chat.send('sungai keruh');
    chat.send('tidak');
    chat.send('2');
    expect(chat.session?.conversation?.texts).toEqual(['sungai keruh']);
  });
});
