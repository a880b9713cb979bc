import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { ROLES, UI_LANGUAGES } from '../../auth/roles.js';

export type { Role, UiLanguage } from '../../auth/roles.js';

/**
 * A member of staff. `provinces` are official province codes (11 Aceh, 64 Kalimantan Timur, 74 Sulawesi
 * Tenggara); an admin sees every province whatever the list says.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    provinces: text('provinces').array().notNull().default(sql`'{}'::text[]`),
    language: text('language', { enum: UI_LANGUAGES }).notNull().default('id'),
    /** argon2id; null until the user follows their set-password link. */
    passwordHash: text('password_hash'),
    /** TOTP secret sealed with the PII key; `totpEnabled` once the user proved they can read it. */
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email_key').on(table.email)],
);

export type UserRow = typeof users.$inferSelect;
