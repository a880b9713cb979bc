import { recordAudit } from '../audit/append-audit.js';
import type { Db } from '../db/database.js';
import type { UserRow } from '../db/schema/users.js';
import { insertApiToken, revokeApiTokens, useApiToken } from './api-token-repository.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password-hasher.js';
import { consumePasswordLink, insertPasswordLink } from './password-link-repository.js';
import type { Role, UiLanguage } from './roles.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';
import { toStaff } from './sign-in-service.js';
import type { Staff } from './staff.js';
import { revokeUserSessions } from './staff-session-repository.js';
import { findUserByEmail, insertUser, normalizeEmail, updateUser } from './user-repository.js';

/** Who asked for a change: a signed-in admin, or the command line on the server. */
export interface Actor {
  userId: string | null;
  label: string;
  ip?: string | null;
}

/** A refusal says what kind it is (bad input, no such user, conflicts with the current state) and why. */
export type AdminFailure = { ok: false; kind: 'invalid' | 'not_found' | 'conflict'; error: string };
export type AdminResult<T> = { ok: true; value: T } | AdminFailure;

const invalid = (error: string): AdminFailure => ({ ok: false, kind: 'invalid', error });
const noUser = (email: string): AdminFailure => ({
  ok: false,
  kind: 'not_found',
  error: `no user with e-mail ${normalizeEmail(email)}`,
});
const conflict = (error: string): AdminFailure => ({ ok: false, kind: 'conflict', error });

export const API_TOKEN_PREFIX = 'sua_';

export type UserAdminService = ReturnType<typeof createUserAdminService>;

export function createUserAdminService(options: {
  db: Db;
  /** Base URL the set-password link points at. */
  baseUrl: string;
  linkHours: number;
  clock?: () => Date;
}) {
  const { db } = options;
  const clock = options.clock ?? (() => new Date());

  async function newPasswordLink(userId: string): Promise<string> {
    const token = newSecretToken();
    await insertPasswordLink(db, {
      userId,
      tokenHash: hashSecretToken(token),
      expiresAt: new Date(clock().getTime() + options.linkHours * 3_600_000),
    });
    return `${options.baseUrl.replace(/\/$/, '')}/triage/set-password?token=${token}`;
  }

  return {
    async createUser(
      actor: Actor,
      input: { email: string; name: string; role: Role; provinces: string[] },
    ): Promise<AdminResult<{ user: UserRow; link: string }>> {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim()))
        return invalid(`"${input.email}" is not an e-mail address`);
      // An existing account is the more useful answer than a mistake in the rest of the form.
      const exists = conflict(`a user with e-mail ${normalizeEmail(input.email)} already exists`);
      if (await findUserByEmail(db, input.email)) return exists;
      if (input.role !== 'admin' && input.provinces.length === 0)
        return invalid('a secretariat or viewer account needs at least one province (e.g. 64)');
      const bad = input.provinces.find((code) => !/^\d{2}$/.test(code));
      if (bad) return invalid(`"${bad}" is not a province code (two digits, e.g. 11, 64, 74)`);
      const user = await insertUser(db, input);
      if (!user) return exists; // created by someone else a moment ago
      await recordAudit(db, {
        actorUserId: actor.userId,
        actor: actor.label,
        action: 'user.create',
        subjectType: 'user',
        subjectId: user.id,
        after: { email: user.email, role: user.role, provinces: user.provinces },
        ip: actor.ip ?? null,
      });
      return { ok: true, value: { user, link: await newPasswordLink(user.id) } };
    },

    /** A fresh set-password link for an existing user (forgotten password, expired link). */
    async resetLink(actor: Actor, email: string): Promise<AdminResult<string>> {
      const user = await findUserByEmail(db, email);
      if (!user) return noUser(email);
      await recordAudit(db, {
        actorUserId: actor.userId,
        actor: actor.label,
        action: 'user.password_link',
        subjectType: 'user',
        subjectId: user.id,
        ip: actor.ip ?? null,
      });
      return { ok: true, value: await newPasswordLink(user.id) };
    },

    async setPasswordWithLink(token: string, password: string, ip: string): Promise<AdminResult<string>> {
      if (password.length < MIN_PASSWORD_LENGTH)
        return invalid(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
      const userId = await consumePasswordLink(db, hashSecretToken(token), clock());
      if (!userId) return invalid('this link is unknown, already used or expired');
      await updateUser(db, userId, { passwordHash: await hashPassword(password) });
      // A new password ends every session made with the old one.
      await revokeUserSessions(db, userId);
      await recordAudit(db, {
        actorUserId: userId,
        actor: userId,
        action: 'auth.password_set',
        subjectType: 'user',
        subjectId: userId,
        ip,
      });
      return { ok: true, value: userId };
    },

    async setDisabled(actor: Actor, email: string, disabled: boolean): Promise<AdminResult<UserRow>> {
      const user = await findUserByEmail(db, email);
      if (!user) return noUser(email);
      const disabledAt = disabled ? clock() : null;
      await updateUser(db, user.id, { disabledAt });
      if (disabled) await revokeUserSessions(db, user.id);
      await recordAudit(db, {
        actorUserId: actor.userId,
        actor: actor.label,
        action: disabled ? 'user.disable' : 'user.enable',
        subjectType: 'user',
        subjectId: user.id,
        ip: actor.ip ?? null,
      });
      return { ok: true, value: { ...user, disabledAt } };
    },

    async createApiToken(actor: Actor, email: string): Promise<AdminResult<string>> {
      const user = await findUserByEmail(db, email);
      if (!user) return noUser(email);
      if (user.disabledAt) return conflict(`${user.email} is disabled`);
      const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
      const prefix = token.slice(0, API_TOKEN_PREFIX.length + 8);
      await insertApiToken(db, { userId: user.id, prefix, tokenHash: hashSecretToken(token) });
      await recordAudit(db, {
        actorUserId: actor.userId,
        actor: actor.label,
        action: 'user.token_create',
        subjectType: 'user',
        subjectId: user.id,
        after: { prefix },
        ip: actor.ip ?? null,
      });
      return { ok: true, value: token };
    },

    async revokeApiTokens(actor: Actor, email: string, prefix: string | null): Promise<AdminResult<number>> {
      const user = await findUserByEmail(db, email);
      if (!user) return noUser(email);
      const count = await revokeApiTokens(db, user.id, prefix);
      await recordAudit(db, {
        actorUserId: actor.userId,
        actor: actor.label,
        action: 'user.token_revoke',
        subjectType: 'user',
        subjectId: user.id,
        after: { prefix, count },
        ip: actor.ip ?? null,
      });
      return { ok: true, value: count };
    },

    /** The workspace language a user chose for themselves. */
    async setLanguage(userId: string, language: UiLanguage): Promise<void> {
      await updateUser(db, userId, { language });
    },

    async fromBearer(token: string): Promise<Staff | null> {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      const found = await useApiToken(db, hashSecretToken(token));
      return found ? toStaff(found.user, 'token', null, null) : null;
    },
  };
}
