import { eq, inArray } from 'drizzle-orm';
import { normalizeSender } from '../channels/android-sms/normalize-sender.js';
import { SIMULATOR_ADDRESS_PREFIX } from '../channels/simulator/simulator-adapter.js';
import type { DbExecutor } from '../db/database.js';
import { type ContactRow, contacts } from '../db/schema/contacts.js';
import { reports } from '../db/schema/reports.js';
import type { PiiCipher } from './pii-cipher.js';

/** Whose data: a phone number as a person would type it, or the reference code of one of their reports. */
export type ContactSelector = { phone: string } | { reference: string };

/** What an erased contact's address becomes: no longer a sealed value, so nothing can open it. */
export const ERASED_ADDRESS = 'erased';

/** The ways one number is stored across channels: as written, in E.164, and as the simulator keeps it. */
function addressesOf(phone: string): string[] {
  const compact = phone.trim().replace(/[\s().-]/g, '');
  const e164 = normalizeSender(compact, '62');
  const forms = new Set([compact, ...(e164 ? [e164] : [])]);
  for (const form of [...forms]) forms.add(`${SIMULATOR_ADDRESS_PREFIX}${form}`);
  return [...forms].filter((form) => form !== '' && form !== SIMULATOR_ADDRESS_PREFIX);
}

/**
 * Every contact (one per channel) with that number, found by the lookup hash. A reference code finds
 * its report's contact, then every other contact with the same number: one person, all channels.
 */
export async function findContacts(
  db: DbExecutor,
  cipher: PiiCipher,
  selector: ContactSelector,
): Promise<ContactRow[]> {
  if ('phone' in selector) {
    const hashes = addressesOf(selector.phone).map((address) => cipher.hash(address));
    if (hashes.length === 0) return [];
    return db.select().from(contacts).where(inArray(contacts.addressHash, hashes));
  }
  const [report] = await db
    .select({ contactId: reports.contactId })
    .from(reports)
    .where(eq(reports.referenceCode, selector.reference.trim().toUpperCase()));
  if (!report) return [];
  const [contact] = await db.select().from(contacts).where(eq(contacts.id, report.contactId));
  if (!contact) return [];
  if (contact.addressEnc === ERASED_ADDRESS) return [contact];
  const address = cipher.decrypt(contact.addressEnc);
  const phone = address.startsWith(SIMULATOR_ADDRESS_PREFIX)
    ? address.slice(SIMULATOR_ADDRESS_PREFIX.length)
    : address;
  const all = await findContacts(db, cipher, { phone });
  return all.some((row) => row.id === contact.id) ? all : [contact, ...all];
}
