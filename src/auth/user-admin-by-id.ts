import type { Db } from '../db/database.js';
import type { UserRow } from '../db/schema/users.js';
import type { Role, UiLanguage } from './roles.js';
import type { Actor, AdminFailure, UserAdminService } from './user-admin-service.js';
import { findUserById, listUsers } from './user-repository.js';

/** A user as the workspace shows them: never the password hash or the TOTP secret. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  provinces: string[];
  language: UiLanguage;
  totpEnabled: boolean;
  passwordSet: boolean;
  disabled: boolean;
}

/** 400 bad input, 404 unknown user, 409 conflicts with the current state (duplicate e-mail, self-disable). */
export type ByIdResult<T> = { ok: true; value: T } | { ok: false; status: 400 | 404 | 409; error: string };

const STATUS_OF = { invalid: 400, not_found: 404, conflict: 409 } as const;

export type UserAdminById = ReturnType<typeof createUserAdminById>;

export function toUserView(user: UserRow): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    provinces: user.provinces,
    language: user.language,
    totpEnabled: user.totpEnabled,
    passwordSet: user.passwordHash !== null,
    disabled: user.disabledAt !== null,
  };
}

/**
 * The user-admin service addressed by user id, as the workspace addresses users (the command line uses
 * e-mails). It only resolves ids and sorts failures into HTTP-meaningful kinds; the changes and their
 * audit entries stay in `UserAdminService`.
 */
export function createUserAdminById(options: { db: Db; userAdmin: UserAdminService }) {
  const { db, userAdmin } = options;
  const unknown = (id: string) => ({
    ok: false as const,
    status: 404 as const,
    error: `no user with id ${id}`,
  });
  const refused = (failure: AdminFailure) => ({
    ok: false as const,
    status: STATUS_OF[failure.kind],
    error: failure.error,
  });

  return {
    async list(): Promise<UserView[]> {
      return (await listUsers(db)).map(toUserView);
    },

    async create(
      actor: Actor,
      input: { email: string; name: string; role: Role; provinces: string[] },
    ): Promise<ByIdResult<{ user: UserView; link: string }>> {
      const created = await userAdmin.createUser(actor, input);
      if (!created.ok) return refused(created);
      return { ok: true, value: { user: toUserView(created.value.user), link: created.value.link } };
    },

    async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<ByIdResult<UserView>> {
      const user = await findUserById(db, id);
      if (!user) return unknown(id);
      // An admin who disables themselves is locked out at once; another admin (or the CLI) must do it.
      if (disabled && user.id === actor.userId)
        return { ok: false, status: 409, error: 'you cannot disable your own account' };
      const changed = await userAdmin.setDisabled(actor, user.email, disabled);
      return changed.ok ? { ok: true, value: toUserView(changed.value) } : refused(changed);
    },

    async passwordLink(actor: Actor, id: string): Promise<ByIdResult<{ user: UserView; link: string }>> {
      const user = await findUserById(db, id);
      if (!user) return unknown(id);
      const link = await userAdmin.resetLink(actor, user.email);
      if (!link.ok) return refused(link);
      return { ok: true, value: { user: toUserView(user), link: link.value } };
    },
  };
}
