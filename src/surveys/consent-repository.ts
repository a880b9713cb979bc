import { eq, sql } from 'drizzle-orm';
import type { ConsentState } from '../conversation/engine/engine-types.js';
import type { DbExecutor } from '../db/database.js';
import { type ConsentSource, contactConsents } from '../db/schema/contact-consents.js';

/** The contact's survey consent as the engine needs it: never asked, asked (not again), or given. */
export async function consentStateOf(db: DbExecutor, contactId: string): Promise<ConsentState> {
  const [row] = await db
    .select({
      askedAt: contactConsents.askedAt,
      givenAt: contactConsents.givenAt,
      withdrawnAt: contactConsents.withdrawnAt,
    })
    .from(contactConsents)
    .where(eq(contactConsents.contactId, contactId));
  if (!row) return 'never';
  if (row.givenAt && !row.withdrawnAt) return 'given';
  return 'asked';
}

/** The question was put to the contact: it is not asked again, whatever they answer. */
export async function recordConsentAsked(
  db: DbExecutor,
  contactId: string,
  wording: string,
  at: Date,
): Promise<void> {
  await db
    .insert(contactConsents)
    .values({ contactId, askedAt: at, askedWording: wording, updatedAt: at })
    .onConflictDoUpdate({
      target: contactConsents.contactId,
      set: {
        askedAt: sql`coalesce(${contactConsents.askedAt}, excluded.asked_at)`,
        askedWording: sql`coalesce(${contactConsents.askedWording}, excluded.asked_wording)`,
        updatedAt: at,
      },
    });
}

/** Consent given now, with the terms as the citizen read them; a withdrawal before it is cleared. */
export async function recordConsentGiven(
  db: DbExecutor,
  contactId: string,
  wording: string,
  source: ConsentSource,
  at: Date,
): Promise<void> {
  const values = { givenAt: at, wording, source, withdrawnAt: null, withdrawnBy: null, updatedAt: at };
  await db
    .insert(contactConsents)
    .values({ contactId, ...values })
    .onConflictDoUpdate({ target: contactConsents.contactId, set: values });
}

/** Withdrawn (KELUAR, STOP, or unsubscribed at the provider); a contact that never gave it is left alone. */
export async function recordConsentWithdrawn(
  db: DbExecutor,
  contactId: string,
  by: string,
  at: Date,
): Promise<boolean> {
  const changed = await db
    .update(contactConsents)
    .set({ withdrawnAt: at, withdrawnBy: by, updatedAt: at })
    .where(
      sql`${contactConsents.contactId} = ${contactId} and ${contactConsents.givenAt} is not null and ${contactConsents.withdrawnAt} is null`,
    )
    .returning({ contactId: contactConsents.contactId });
  return changed.length > 0;
}
