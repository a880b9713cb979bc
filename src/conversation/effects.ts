import type { Category } from '../classifier/classification.js';
import type { Channel, MediaRef } from './engine-types.js';
import type { Language } from './flow-schema.js';

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

/** Side effects the engine asks for, as data; the runtime performs them. */
export type Effect =
  | { type: 'create_report'; report: ReportDraft }
  /**
   * The citizen chose the category of a report they already have the code of: store it as their
   * choice, and as the report's category (category_source `citizen`, or `both` when it is the
   * classifier's). Only for this contact's own report.
   */
  | { type: 'update_report'; referenceCode: string; citizenChoice: Category }
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
