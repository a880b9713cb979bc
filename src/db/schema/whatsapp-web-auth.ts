import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A linked WhatsApp number's authentication state (Baileys: `creds` and the Signal keys), one row per key,
 * each value sealed with the PII key: it is the number's identity, as good as the phone itself. Kept in
 * Postgres rather than files so that whichever process holds the connection can use it.
 */
export const whatsappWebAuth = pgTable(
  'whatsapp_web_auth',
  {
    session: text('session').notNull(),
    /** `creds`, or `<signal key type>/<id>` (`pre-key/12`, `session/…`). */
    key: text('key').notNull(),
    /** JSON (Baileys' BufferJSON form) sealed with the PII cipher. */
    value: text('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.session, table.key] })],
);
