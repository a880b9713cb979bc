import type { Redis } from 'ioredis';
import { recordAudit } from '../audit/append-audit.js';
import type { Db } from '../db/database.js';
import type { UserRow } from '../db/schema/users.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import { createLoginThrottle } from './login-throttle.js';
import { verifyAgainstNothing, verifyPassword } from './password-hasher.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';
import type { Staff } from './staff.js';
import {
  completeSecondFactor,
  findLiveSession,
  insertStaffSession,
  revokeSession,
  revokeUserSessions,
  touchSession,
} from './staff-session-repository.js';
import { checkTotp, newTotpSecret } from './totp.js';
import { findUserByEmail, findUserById, updateUser } from './user-repository.js';

export interface SignInOptions {
  db: Db;
  redis: Redis;
  cipher: PiiCipher;
  queuePrefix: string;
  maxFailures: number;
  lockoutMinutes: number;
  idleMinutes: number;
  maxHours: number;
  clock?: () => Date;
}

export type SignInResult =
  | { ok: true; token: string; secondFactor: 'none' | 'verify' | 'enroll' }
  | { ok: false; error: 'invalid' | 'locked'; retryAfterSeconds?: number };

/** A cookie's session as the auth plugin sees it. */
export interface SessionIdentity {
  staff: Staff;
  secondFactorPending: boolean;
}

export type SignInService = ReturnType<typeof createSignInService>;

export function createSignInService(options: SignInOptions) {
  const { db, cipher } = options;
  const clock = options.clock ?? (() => new Date());
  const throttle = createLoginThrottle({
    redis: options.redis,
    prefix: options.queuePrefix,
    maxFailures: options.maxFailures,
    lockoutSeconds: options.lockoutMinutes * 60,
  });

  return {
    async signIn(email: string, password: string, ip: string): Promise<SignInResult> {
      const wait = await throttle.blockedFor(email, ip);
      if (wait > 0) return { ok: false, error: 'locked', retryAfterSeconds: wait };
      const user = await findUserByEmail(db, email);
      const valid =
        user?.passwordHash && !user.disabledAt
          ? await verifyPassword(user.passwordHash, password)
          : await verifyAgainstNothing(password);
      if (!user || !valid) {
        await throttle.recordFailure(email, ip);
        await recordAudit(db, {
          actorUserId: user?.id ?? null,
          actor: user?.email ?? 'unknown',
          action: 'auth.sign_in_failed',
          ip,
        });
        return { ok: false, error: 'invalid' };
      }
      await throttle.reset(email);
      // TOTP is required for admins and optional for everyone else.
      const secondFactor = user.totpEnabled ? 'verify' : user.role === 'admin' ? 'enroll' : 'none';
      const token = newSecretToken();
      const now = clock();
      await insertStaffSession(db, {
        tokenHash: hashSecretToken(token),
        userId: user.id,
        csrfToken: newSecretToken(24),
        secondFactorPending: secondFactor !== 'none',
        ip,
        expiresAt: new Date(now.getTime() + options.maxHours * 3_600_000),
      });
      await recordAudit(db, {
        actorUserId: user.id,
        actor: user.email,
        action: secondFactor === 'none' ? 'auth.sign_in' : 'auth.password_accepted',
        ip,
      });
      return { ok: true, token, secondFactor };
    },

    /** The session behind a cookie, or null when it is unknown, revoked, expired or idle too long. */
    async fromCookie(token: string): Promise<SessionIdentity | null> {
      const now = clock();
      const found = await findLiveSession(db, hashSecretToken(token), now);
      if (!found) return null;
      const { session, user } = found;
      const idleMs = now.getTime() - session.lastSeenAt.getTime();
      if (idleMs > options.idleMinutes * 60_000) {
        await revokeSession(db, session.id);
        return null;
      }
      if (idleMs > 60_000) await touchSession(db, session.id, now);
      return {
        staff: toStaff(user, 'session', session.id, session.csrfToken),
        secondFactorPending: session.secondFactorPending,
      };
    },

    /**
     * The secret of a TOTP enrolment not yet confirmed: the one already issued (so a mistyped code or a
     * reload shows the key the person just added to their app), or a new one. Null once TOTP is on.
     */
    async enrolmentSecret(userId: string): Promise<string | null> {
      const user = await findUserById(db, userId);
      if (!user || user.totpEnabled) return null;
      if (user.totpSecretEnc) return cipher.decrypt(user.totpSecretEnc);
      const secret = newTotpSecret();
      await updateUser(db, userId, { totpSecretEnc: cipher.encrypt(secret) });
      return secret;
    },

    async verifySecondFactor(staff: Staff, code: string, ip: string): Promise<boolean> {
      const user = await findUserById(db, staff.userId);
      if (!user?.totpSecretEnc || !staff.sessionId) return false;
      const wait = await throttle.blockedFor(user.email, ip);
      const ok = wait === 0 && (await checkTotp(cipher.decrypt(user.totpSecretEnc), code));
      if (!ok) {
        await throttle.recordFailure(user.email, ip);
        await recordAudit(db, {
          actorUserId: user.id,
          actor: user.email,
          action: 'auth.totp_failed',
          ip,
        });
        return false;
      }
      if (!user.totpEnabled) await updateUser(db, user.id, { totpEnabled: true });
      await completeSecondFactor(db, staff.sessionId);
      await recordAudit(db, {
        actorUserId: user.id,
        actor: user.email,
        action: user.totpEnabled ? 'auth.sign_in' : 'auth.totp_enrolled',
        ip,
      });
      return true;
    },

    async signOut(staff: Staff, ip: string, everywhere: boolean): Promise<void> {
      if (everywhere) await revokeUserSessions(db, staff.userId);
      else if (staff.sessionId) await revokeSession(db, staff.sessionId);
      await recordAudit(db, {
        actorUserId: staff.userId,
        actor: staff.email,
        action: everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out',
        ip,
      });
    },
  };
}

export function toStaff(
  user: UserRow,
  via: Staff['via'],
  sessionId: string | null,
  csrfToken: string | null,
): Staff {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    provinces: user.provinces,
    language: user.language,
    via,
    sessionId,
    csrfToken,
  };
}
