import type { Flow } from './flow-schema.js';
import type { Keyword } from './keywords-schema.js';

/**
 * The start words each survey declares (`survey.keywords`, "NILAI DLH") as global start_flow keywords,
 * so they work at any moment like LAPOR. They come after keywords.yaml's own, which therefore win.
 */
export function surveyKeywords(flows: readonly Flow[]): Keyword[] {
  return flows.flatMap((flow) =>
    flow.survey && flow.survey.keywords.id.length + flow.survey.keywords.en.length > 0
      ? [{ action: 'start_flow' as const, flow: flow.id, words: flow.survey.keywords }]
      : [],
  );
}
