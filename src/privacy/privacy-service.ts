import type { Redis } from 'ioredis';
import { recordAudit } from '../audit/append-audit.js';
import type { Db } from '../db/database.js';
import type { MediaStore } from '../media/media-store.js';
import { type ContactData, collectContactData } from './collect-contact-data.js';
import { type ErasedQueues, eraseContactQueues } from './erase-contact-queues.js';
import { type ErasedRecords, eraseContactRecords, type FreeTextAnswers } from './erase-contact-records.js';
import { type ContactSelector, ERASED_ADDRESS, findContacts } from './find-contacts.js';
import type { PiiCipher } from './pii-cipher.js';

export interface PrivacyDeps {
  db: Db;
  redis: Redis;
  cipher: PiiCipher;
  mediaStore: MediaStore;
  prefix: string;
  partitions: number;
  freeTextAnswers: FreeTextAnswers;
  clock?: () => Date;
}

export interface ContactErasure extends ErasedRecords {
  queues: ErasedQueues;
  mediaFilesDeleted: number;
}

/** Subject access and erasure (UU PDP 27/2022): one person, every channel, every store. */
export function createPrivacyService(deps: PrivacyDeps) {
  const now = () => deps.clock?.() ?? new Date();
  return {
    /** The contacts a selector names, for a confirmation prompt: pseudonyms and channels only. */
    find(selector: ContactSelector) {
      return findContacts(deps.db, deps.cipher, selector);
    },

    /** Everything held about the person, the number opened; recorded in the audit log as an access. */
    async export(actor: string, selector: ContactSelector): Promise<ContactData[]> {
      const contacts = await findContacts(deps.db, deps.cipher, selector);
      const data: ContactData[] = [];
      for (const contact of contacts) data.push(await collectContactData(deps.db, deps.cipher, contact));
      for (const contact of contacts) {
        await recordAudit(deps.db, {
          actorUserId: null,
          actor,
          action: 'privacy.export',
          subjectType: 'contact',
          subjectId: contact.id,
          after: { reports: data.find((d) => d.contact.id === contact.id)?.reports.length ?? 0 },
          at: now(),
        });
      }
      return data;
    },

    /**
     * Erases the person's number and words everywhere. Redis is cleared before and after the database:
     * a job still waiting would otherwise store the message again under a fresh contact.
     */
    async erase(actor: string, selector: ContactSelector): Promise<ContactErasure[]> {
      const contacts = await findContacts(deps.db, deps.cipher, selector);
      const out: ContactErasure[] = [];
      for (const contact of contacts) {
        const number = contact.addressEnc === ERASED_ADDRESS ? null : deps.cipher.decrypt(contact.addressEnc);
        const before = await eraseContactQueues(deps.redis, deps.prefix, deps.partitions, {
          contactId: contact.id,
          addressHash: contact.addressHash,
          messageIds: [],
        });
        const records = await eraseContactRecords(
          deps.db,
          contact,
          number,
          deps.freeTextAnswers,
          actor,
          now(),
        );
        const after = await eraseContactQueues(deps.redis, deps.prefix, deps.partitions, records);
        let mediaFilesDeleted = 0;
        for (const sha256 of records.mediaFiles) {
          if (await deps.mediaStore.delete(sha256)) mediaFilesDeleted += 1;
        }
        out.push({
          ...records,
          mediaFilesDeleted,
          queues: {
            inboundJobs: before.inboundJobs + after.inboundJobs,
            outboundJobs: before.outboundJobs + after.outboundJobs,
            sessions: before.sessions + after.sessions,
            running: after.running,
          },
        });
      }
      return out;
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
