import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { users } from '../db/schema/users.js';
import { type AuditPage, type ListAuditOptions, listAudit } from './list-audit.js';

export interface AuditView extends AuditPage {
  /** E-mail of each user the page names (as actor or subject), so ids read as people. */
  userEmails: ReadonlyMap<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type AuditBrowser = ReturnType<typeof createAuditBrowser>;

/** What admins read of the audit log: a page of it, with the users it names resolved. */
export function createAuditBrowser(db: Db) {
  return {
    async page(options: ListAuditOptions): Promise<AuditView> {
      const page = await listAudit(db, options);
      const ids = new Set<string>();
      for (const row of page.items) {
        if (row.actorUserId) ids.add(row.actorUserId);
        if (UUID.test(row.actor)) ids.add(row.actor);
        if (row.subjectType === 'user' && row.subjectId) ids.add(row.subjectId);
      }
      const named = ids.size
        ? await db
            .select({ id: users.id, email: users.email })
            .from(users)
            .where(inArray(users.id, [...ids]))
        : [];
      return { ...page, userEmails: new Map(named.map((user) => [user.id, user.email])) };
    },
  };
}
