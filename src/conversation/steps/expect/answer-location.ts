import { applyLocation } from '../../apply-location.js';
import type { Expectation } from '../../flow-schema.js';
import { isSkipReply } from '../../is-skip-reply.js';
import type { Reply, Turn } from '../../turn.js';
import type { AnswerResult } from './answer-result.js';

/**
 * A place in free text, resolved by the injected gazetteer. The reply is read alone first; when the
 * conversation already knows part of the place ("Sukamaju" in several regencies, or only "Kaltim"),
 * it is read together with what came before, so "Kukar" settles which Sukamaju.
 */
export function answerLocation(
  expect: Extract<Expectation, { type: 'location' }>,
  turn: Turn,
  reply: Reply,
): AnswerResult {
  const vars = turn.conversation.vars;
  const text = reply.text.trim();
  if (expect.skippable && isSkipReply(turn.flows.keywords, text)) {
    vars.location_status = 'skipped';
    return { ok: true, value: null };
  }
  if (text === '') return { ok: false };
  const earlier = typeof vars.location_text === 'string' ? vars.location_text : '';
  const known = vars.location_status === 'partial' || vars.location_status === 'ambiguous';
  let resolution = turn.ctx.resolveLocation(text);
  let raw = text;
  if (known && !resolution.regency && !resolution.district && !resolution.village) {
    raw = `${earlier} ${text}`.trim();
    resolution = turn.ctx.resolveLocation(raw);
  }
  const status = applyLocation(vars, resolution, raw);
  const label = [vars.village, vars.district, vars.regency, vars.province].find((v) => typeof v === 'string');
  switch (status) {
    case 'found':
      return { ok: true, value: typeof label === 'string' ? label : text, freeText: text };
    case 'partial':
      return { ok: false, reprompt: { text: expect.partial_prompt, vars: {} } };
    case 'ambiguous':
      return { ok: false, reprompt: { text: expect.ambiguous_prompt, vars: {} } };
    default:
      return { ok: false };
  }
}
