import type { Classify } from '../../classifier/classification.js';
import type { ResolveLocation } from '../../geo/location-resolution.js';
import {
  DEFAULT_COALESCE_WINDOW_MS,
  joinParts,
  MAX_PARTS_PER_TURN,
  splitIntoTurns,
} from '../../pipeline/coalesce-batch.js';
import { coalesceJoinable } from '../../pipeline/coalesce-joinable.js';
import type { ReportDraft, SurveyResponseDraft } from '../engine/effects.js';
import type { ConsentState, SendLimits } from '../engine/engine-types.js';
import { handleMessage } from '../engine/handle-message.js';
import { joinReplies } from '../engine/join-replies.js';
import { renderStatusReply } from '../engine/render-status-reply.js';
import type { Session } from '../engine/session.js';
import type { Language } from '../flows/flow-schema.js';
import type { FlowSet } from '../flows/flow-set.js';
import type { DriverTurn, ScenarioDriver, ScenarioMessage } from './scenario-driver.js';

export interface InMemoryGatewayOptions {
  flows: FlowSet;
  classify: Classify;
  resolveLocation: ResolveLocation;
  resolveLocationReply?: ResolveLocation;
  /** Codes handed to reports in turn; the real runtime draws random ones. */
  nextReferenceCode: () => string;
  start?: Date;
  idleTimeoutMs?: number;
  limits?: SendLimits;
  /** Quick messages this close together are one turn, as COALESCE_WINDOW_MS makes them at runtime. */
  coalesceWindowMs?: number;
}

interface Contact {
  session: Session | null;
  language: Language | null;
  optedOut: boolean;
  consent: ConsentState;
}

export interface InMemoryGateway extends ScenarioDriver {
  /** Reports stored so far, with the contact that made each and its status. */
  readonly reports: (ReportDraft & { contact: string; status: string })[];
  /** Park events, as the runtime would log them. */
  readonly events: string[];
  /** Survey runs, one per contact and start, kept up to date like the runtime's survey_responses. */
  readonly surveyResponses: (SurveyResponseDraft & { contact: string })[];
  /** A contact's survey consent as the runtime would hold it. */
  consentOf(citizen: string): ConsentState;
  now(): Date;
}

/**
 * The runtime around the pure engine, in memory: sessions and contacts in maps, reports in an array.
 * It performs effects the way the real runtime must (idempotent report creation, STATUS only for the
 * contact's own reports), which makes it the reference for `suara flows simulate` and scenario tests.
 */
export function createInMemoryGateway(options: InMemoryGatewayOptions): InMemoryGateway {
  const contacts = new Map<string, Contact>();
  const reports: (ReportDraft & { contact: string; status: string })[] = [];
  const events: string[] = [];
  const surveyResponses: (SurveyResponseDraft & { contact: string })[] = [];
  let clock = options.start?.getTime() ?? Date.UTC(2026, 0, 5, 8, 0, 0);
  let pendingCode = options.nextReferenceCode();

  const contactOf = (id: string): Contact => {
    const existing = contacts.get(id);
    if (existing) return existing;
    const created: Contact = { session: null, language: null, optedOut: false, consent: 'never' };
    contacts.set(id, created);
    return created;
  };

  async function send(citizen: string, message: ScenarioMessage, parts = 1): Promise<DriverTurn> {
    const contact = contactOf(citizen);
    const result = handleMessage(
      options.flows,
      contact.session,
      {
        text: message.text,
        media: message.media,
        channel: message.channel,
        id: message.id,
        parts,
        contact: { language: contact.language, optedOut: contact.optedOut, consent: contact.consent },
      },
      {
        now: new Date(clock),
        classify: options.classify,
        resolveLocation: options.resolveLocation,
        ...(options.resolveLocationReply ? { resolveLocationReply: options.resolveLocationReply } : {}),
        referenceCode: pendingCode,
        ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
      },
    );
    contact.session = result.session;
    const outbound = result.outbound.map((o) => o.text);
    for (const effect of result.effects) {
      switch (effect.type) {
        case 'create_report':
          if (!reports.some((r) => r.referenceCode === effect.report.referenceCode)) {
            reports.push({ ...effect.report, contact: citizen, status: 'new' });
          }
          pendingCode = options.nextReferenceCode();
          break;
        case 'update_report': {
          // Like the real runtime: only the contact's own report changes.
          const own = reports.find((r) => r.referenceCode === effect.referenceCode && r.contact === citizen);
          if (own) {
            own.category = effect.citizenChoice;
            own.provenance = { ...own.provenance, citizenChoice: effect.citizenChoice };
          }
          break;
        }
        case 'opt_out':
          contact.optedOut = true;
          // STOP withdraws survey consent too.
          if (contact.consent === 'given') contact.consent = 'asked';
          break;
        case 'survey_response': {
          const run = effect.response;
          const index = surveyResponses.findIndex(
            (r) => r.contact === citizen && r.surveyId === run.surveyId && r.startedAt === run.startedAt,
          );
          if (index >= 0) surveyResponses[index] = { ...run, contact: citizen };
          else surveyResponses.push({ ...run, contact: citizen });
          break;
        }
        case 'consent_asked':
          if (contact.consent === 'never') contact.consent = 'asked';
          break;
        case 'consent_given':
          contact.consent = 'given';
          break;
        case 'consent_withdrawn':
          contact.consent = 'asked';
          break;
        case 'opt_in':
          contact.optedOut = false;
          break;
        case 'set_language':
          contact.language = effect.language;
          break;
        case 'status_query': {
          const own = reports.find((r) => r.referenceCode === effect.code && r.contact === citizen);
          const lookup = own
            ? { found: true as const, code: own.referenceCode, status: own.status }
            : { found: false as const, code: effect.code };
          outbound.push(renderStatusReply(options.flows, effect.language, lookup));
          break;
        }
        case 'park_contact':
          events.push(`parked ${citizen} until ${effect.until} after ${effect.sentInWindow} messages`);
          break;
      }
    }
    return { outbound: joinReplies(outbound, message.channel), effects: result.effects };
  }

  /** Like the runtime: messages within the window of the one before are one turn, keywords alone. */
  async function sendQuick(
    citizen: string,
    parts: { message: ScenarioMessage; secondsAfter: number }[],
  ): Promise<DriverTurn> {
    let at = clock;
    const timed = parts.map((part) => {
      at += part.secondsAfter * 1000;
      return { ...part.message, receivedAt: new Date(at), body: part.message.text };
    });
    const rule = {
      windowMs: options.coalesceWindowMs ?? DEFAULT_COALESCE_WINDOW_MS,
      maxParts: MAX_PARTS_PER_TURN,
      joinable: (body: string, position: 'first' | 'later') =>
        coalesceJoinable(options.flows, body, position),
    };
    const answered: DriverTurn = { outbound: [], effects: [] };
    for (const turn of splitIntoTurns(timed, rule)) {
      const [first] = turn;
      if (!first) continue;
      // The turn runs once the window after its newest part has passed.
      clock = (turn.at(-1)?.receivedAt.getTime() ?? clock) + rule.windowMs;
      const message: ScenarioMessage = {
        ...first,
        text: turn.length === 1 ? first.text : joinParts(turn.map((part) => part.text)),
        media: turn.flatMap((part) => part.media),
      };
      const result = await send(citizen, message, turn.length);
      answered.outbound.push(...result.outbound);
      answered.effects.push(...result.effects);
    }
    return answered;
  }

  return {
    reports,
    events,
    surveyResponses,
    consentOf: (citizen) => contactOf(citizen).consent,
    now: () => new Date(clock),
    send,
    sendQuick,
    advance: async (minutes) => {
      clock += minutes * 60_000;
    },
    setContactLanguage: async (citizen, language) => {
      contactOf(citizen).language = language;
    },
  };
}
