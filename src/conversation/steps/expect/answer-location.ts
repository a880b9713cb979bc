import { applyLocation, statusOf } from '../../engine/apply-location.js';
import type { Reply, Turn } from '../../engine/turn.js';
import type { Expectation } from '../../flows/flow-schema.js';
import { isSkipReply } from '../../text/is-skip-reply.js';
import type { AnswerResult } from './answer-result.js';

/**
 * A place in free text, resolved by the injected gazetteer. When the conversation already knows part
 * of the place ("Sukamaju" in several regencies, or only "Kaltim"), the reply is read together with
 * what came before, so "Kukar" settles which Sukamaju.
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
  const resolve = turn.ctx.resolveLocationReply ?? turn.ctx.resolveLocation;
  // Read together first, so "Kukar" after an ambiguous "Sukamaju" keeps the village; `earlier` holds
  // only the words that named the place, so the two read as one place.
  let resolution = resolve(known ? `${earlier}, ${text}` : text);
  if (known && statusOf(resolution) !== 'found') {
    const alone = resolve(text);
    if (statusOf(alone) === 'found') resolution = alone;
  }
  const status = applyLocation(vars, resolution);
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
