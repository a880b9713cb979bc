import { readFileSync } from 'node:fs';
import type { Classify } from '../../../../src/classifier/classification.js';
import type {
  Channel,
  EngineResult,
  MediaRef,
  SendLimits,
} from '../../../../src/conversation/engine/engine-types.js';
import { handleMessage } from '../../../../src/conversation/engine/handle-message.js';
import type { Session } from '../../../../src/conversation/engine/session.js';
import type { Language } from '../../../../src/conversation/flows/flow-schema.js';
import type { FlowSet } from '../../../../src/conversation/flows/flow-set.js';
import { parseFlowFiles } from '../../../../src/conversation/flows/parse-flow-files.js';
import type { ResolveLocation } from '../../../../src/geo/location-resolution.js';
import { projectPath } from '../../../../src/project-path.js';
import { standInClassify, standInResolveLocation } from './stand-ins.js';

export const PROJECT_KEYWORDS = readFileSync(projectPath('flows/keywords.yaml'), 'utf8');
export const PROJECT_LAPOR = readFileSync(projectPath('flows/lapor.yaml'), 'utf8');

/** A FlowSet from YAML texts; keywords.yaml defaults to the project's (default flow "lapor"). */
export function flowsFrom(files: Record<string, string>): FlowSet {
  const result = parseFlowFiles(
    Object.entries({ 'keywords.yaml': PROJECT_KEYWORDS, ...files }).map(([name, text]) => ({ name, text })),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.flows;
}

export interface HarnessOptions {
  channel?: Channel;
  language?: Language;
  classify?: Classify;
  resolveLocation?: ResolveLocation;
  limits?: SendLimits;
  idleTimeoutMs?: number;
}

/** One contact talking to the pure engine, with the contact-level effects applied as the runtime would. */
export function engineHarness(flows: FlowSet, options: HarnessOptions = {}) {
  let session: Session | null = null;
  let now = Date.UTC(2026, 0, 5, 8, 0, 0);
  let optedOut = false;
  let language: Language | null = options.language ?? null;
  let codes = 0;
  return {
    send(
      text: string,
      extra: { media?: MediaRef[]; id?: string; channel?: Channel } = {},
    ): EngineResult & { texts: string[] } {
      now += 60_000;
      codes += 1;
      const result = handleMessage(
        flows,
        session,
        {
          text,
          channel: extra.channel ?? options.channel ?? 'sms',
          contact: { language, optedOut },
          ...(extra.media ? { media: extra.media } : {}),
          ...(extra.id ? { id: extra.id } : {}),
        },
        {
          now: new Date(now),
          classify: options.classify ?? standInClassify,
          resolveLocation: options.resolveLocation ?? standInResolveLocation,
          referenceCode: `K7QM${String(codes).padStart(2, '0')}`,
          ...(options.limits ? { limits: options.limits } : {}),
          ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
        },
      );
      session = result.session;
      for (const e of result.effects) {
        if (e.type === 'opt_out') optedOut = true;
        if (e.type === 'opt_in') optedOut = false;
        if (e.type === 'set_language') language = e.language;
      }
      return { ...result, texts: result.outbound.map((o) => o.text) };
    },
    advance(minutes: number) {
      now += minutes * 60_000;
    },
    get session() {
      return session;
    },
    get language() {
      return language;
    },
  };
}
