import { asc, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { type UserRow, users } from '../db/schema/users.js';
import type { Role, UiLanguage } from './roles.js';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  provinces: string[];
  language?: UiLanguage;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function insertUser(db: DbExecutor, user: NewUser): Promise<UserRow | null> {
  const [row] = await db
    .insert(users)
    .values({ ...user, email: normalizeEmail(user.email) })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row ?? null;
}

export async function findUserByEmail(db: DbExecutor, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return row ?? null;
}

export async function findUserById(db: DbExecutor, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export function listUsers(db: DbExecutor): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

export async function updateUser(
  db: DbExecutor,
  id: string,
  values: Partial<
    Pick<UserRow, 'passwordHash' | 'language' | 'disabledAt' | 'totpSecretEnc' | 'totpEnabled'>
  >,
): Promise<void> {
  await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}
