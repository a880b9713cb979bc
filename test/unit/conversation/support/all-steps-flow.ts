// A flow that uses every step type and expectation, for the step unit tests.
export const ALL_STEPS_FLOW = `
id: lapor
steps:
  - id: hello
    type: say
    text: { id: "Halo, {{first_message}}", en: "Hello, {{first_message}}" }
  - id: people
    type: ask
    prompt: { id: "Berapa orang terdampak?", en: "How many people?" }
    expect: { type: number, min: 1, max: 1000, integer: true }
    save_as: people
    retries: 1
    invalid: { id: "Tulis angka 1-1000", en: "Write a number 1-1000" }
    on_fail: gave_up
  - id: check
    type: branch
    cases:
      - when: { var: people, gte: 100 }
        goto: many
    default: agree
  - id: many
    type: say
    text: { id: "Banyak sekali", en: "That is many" }
    next: agree
  - id: agree
    type: ask
    prompt: { id: "Setuju? 1=Ya 2=Tidak", en: "Agree? 1=Yes 2=No" }
    expect: { type: yesno }
    save_as: agreed
  - id: story
    type: ask
    prompt: { id: "Ceritakan", en: "Tell us" }
    expect: { type: text, min_length: 5, reject_smalltalk: true }
    save_as: story
    retries: 2
  - id: pick
    type: ask
    prompt: { id: "Pilih {{options}}", en: "Pick {{options}}" }
    expect:
      type: choice
      options:
        - { value: water, label: { id: Air, en: Water }, synonyms: [sungai, sumur] }
        - { value: air, label: { id: Udara, en: Air }, synonyms: [debu], when: { var: agreed, equals: true } }
        - { value: land, label: { id: Tanah, en: Land }, synonyms: [lahan] }
    save_as: picked
  - id: where
    type: ask
    prompt: { id: "Di mana?", en: "Where?" }
    expect:
      type: location
      partial_prompt: { id: "Kabupaten mana di {{province}}?", en: "Which regency in {{province}}?" }
      ambiguous_prompt: { id: "{{place}} yang mana?", en: "Which {{place}}?" }
    save_as: place_name
    retries: 2
  - id: photo
    type: ask
    prompt: { id: "Kirim foto atau LEWATI", en: "Send a photo or SKIP" }
    expect: { type: media }
  - id: jump
    type: goto
    flow: finish
  - id: gave_up
    type: end
    text: { id: "Sampai jumpa", en: "Goodbye" }
`;

export const FINISH_FLOW = `
id: finish
steps:
  - id: classify
    type: classify
    text: "{{story}}"
  - id: locate
    type: locate
    text: "{{place_name}}"
  - id: save
    type: create_report
  - id: done
    type: end
    text: { id: "Kode {{ref}}: {{category_label}}, {{picked}}, {{regency}}", en: "Code {{ref}}: {{category_label}}, {{picked}}, {{regency}}" }
`;
