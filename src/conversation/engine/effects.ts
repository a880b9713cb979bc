import type { Category } from '../../classifier/classification.js';
import type { Language } from '../flows/flow-schema.js';
import type { Channel, MediaRef } from './engine-types.js';

/** A report the runtime must store (idempotently, keyed by `referenceCode`). */
export interface ReportDraft {
  referenceCode: string;
  flowId: string;
  channel: Channel;
  language: Language;
  /** Final category: the citizen's choice when they made one, else the classifier's, else `other`. */
  category: Category;
  provenance: {
    classifier: { category: Category; confidence: number; evidence: string[] } | null;
    citizenChoice: Category | null;
  };
  /** The citizen's own words: every free-text turn of the conversation, in order. */
  texts: string[];
  location: {
    provinceCode: string | null;
    regencyCode: string | null;
    districtCode: string | null;
    villageCode: string | null;
    /** Only the words that named the place, as the citizen wrote them ("desa Loa Ipuh, Kukar"); null when none did. */
    rawText: string | null;
  };
  media: MediaRef[];
  /** ISO time of the message that completed the report. */
  createdAt: string;
  /** When the conversation began, and how many messages the citizen sent in it (SMS cost us nothing, them a lot). */
  conversationStartedAt: string;
  citizenMessages: number;
}

/** A survey answer as the engine saves it. */
export type SurveyAnswer = string | number | boolean | null;

/**
 * A survey's answers so far, sent after every message of a survey conversation: the runtime keeps one
 * row per run (contact, survey, `startedAt`) up to date, so a survey stopped midway still counts.
 */
export interface SurveyResponseDraft {
  surveyId: string;
  /** The conversation's start: with the contact and the survey it identifies the run. */
  startedAt: string;
  channel: Channel;
  language: Language;
  /** Set when a campaign invited the contact. */
  campaignId: string | null;
  /** Answers by `save_as` name, only those given so far. */
  answers: Record<string, SurveyAnswer>;
  /** The survey reached its end; an unfinished run stays `false` (STOP, BATAL, expiry). */
  completed: boolean;
}

/** Side effects the engine asks for, as data; the runtime performs them. */
export type Effect =
  | { type: 'create_report'; report: ReportDraft }
  /**
   * The citizen chose the category of a report they already have the code of: store it as their
   * choice, and as the report's category (category_source `citizen`, or `both` when it is the
   * classifier's). Only for this contact's own report.
   */
  | { type: 'update_report'; referenceCode: string; citizenChoice: Category }
  | { type: 'survey_response'; response: SurveyResponseDraft }
  /** The consent question was put to the contact (it is asked once): `wording` as sent. */
  | { type: 'consent_asked'; wording: string }
  /** The contact agreed to be invited to surveys (IKUT): the terms as they read them. */
  | { type: 'consent_given'; wording: string }
  /** The contact withdrew consent (KELUAR); STOP withdraws it too, through `opt_out`. */
  | { type: 'consent_withdrawn'; keyword: string }
  | { type: 'opt_out' }
  | { type: 'opt_in' }
  /** Remember this language on the contact. */
  | { type: 'set_language'; language: Language }
  /**
   * Look the report up — only among this contact's own reports — and send
   * `renderStatusReply(flows, language, result)`.
   */
  | { type: 'status_query'; code: string; language: Language }
  /** Loop protection tripped: nothing more is sent until `until`; the runtime logs the event. */
  | { type: 'park_contact'; until: string; sentInWindow: number };
