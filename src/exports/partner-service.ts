import { createHmac, randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/append-audit.js';
import { hashSecretToken, newSecretToken } from '../auth/secret-token.js';
import { CATEGORIES } from '../classifier/classification.js';
import type { Db } from '../db/database.js';
import { DEFAULT_PARTNER_STATUSES, type PartnerRow, partnerKeys, partners } from '../db/schema/partners.js';
import { REPORT_STATUSES } from '../db/schema/reports.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import {
  findPartnerByKeyHash,
  findPartnerByName,
  listPartnerKeys,
  listPartners,
  type PartnerKeyRow,
  revokePartnerKeys,
  touchPartnerKey,
} from './partner-repository.js';

/** Partner keys start with this, so a leaked one is recognisable (and never confused with a staff token). */
export const PARTNER_KEY_PREFIX = 'sxp_';

export interface PartnerInput {
  name: string;
  contact?: string | null;
  provinces?: string[];
  categories?: string[];
  statuses?: string[];
  withText?: boolean;
}

/** Who asks: the CLI or a signed-in admin. */
export interface PartnerActor {
  userId: string | null;
  label: string;
}

/** The partner behind a request, as the auth plugin establishes it. */
export interface PartnerCaller {
  partner: PartnerRow;
  keyId: string;
  keyPrefix: string;
  /** The partner's reporter pseudonym of a contact id: stable for this partner, unlinkable across partners. */
  pseudonym(contactId: string): string;
}

/** A partner as admins see it: scope and keys, without the sealed pseudonym key. */
export type PartnerOverview = Omit<PartnerRow, 'pseudonymKeyEnc'> & { keys: PartnerKeyRow[] };

export type PartnerResult<T> = { ok: true; value: T } | { ok: false; error: string };

function checkScope(input: PartnerInput): string | null {
  const bad = (values: string[] | undefined, allowed: readonly string[]) =>
    (values ?? []).filter((value) => !allowed.includes(value));
  if ((input.provinces ?? []).some((code) => !/^\d{2}$/.test(code)))
    return 'provinces are two-digit codes, e.g. 64,74';
  const categories = bad(input.categories, CATEGORIES);
  if (categories.length) return `unknown categories: ${categories.join(', ')} (use ${CATEGORIES.join(', ')})`;
  const statuses = bad(input.statuses, REPORT_STATUSES);
  if (statuses.length) return `unknown statuses: ${statuses.join(', ')} (use ${REPORT_STATUSES.join(', ')})`;
  if (!input.name.trim()) return 'a partner needs a name';
  return null;
}

export function createPartnerService(deps: { db: Db; cipher: PiiCipher; clock: () => Date }) {
  const pseudonymizer = (partner: PartnerRow) => {
    const key = Buffer.from(deps.cipher.decrypt(partner.pseudonymKeyEnc), 'base64');
    // The first 8 bytes as 16 hex digits, made directly (not cut from the 64-digit string, which an
    // export's pseudonym cache would otherwise keep whole).
    return (contactId: string) =>
      `R-${createHmac('sha256', key).update(contactId).digest().toString('hex', 0, 8)}`;
  };

  async function issueKey(tx: Parameters<Parameters<Db['transaction']>[0]>[0], partnerId: string) {
    const key = `${PARTNER_KEY_PREFIX}${newSecretToken()}`;
    const prefix = key.slice(0, PARTNER_KEY_PREFIX.length + 8);
    await tx.insert(partnerKeys).values({ partnerId, prefix, keyHash: hashSecretToken(key) });
    return { key, prefix };
  }

  return {
    list: () => listPartners(deps.db),
    keys: (partnerId: string) => listPartnerKeys(deps.db, partnerId),

    /** Every partner with its keys, for the admin page: no secrets (the pseudonym key stays sealed here). */
    async overview(): Promise<PartnerOverview[]> {
      const rows = await listPartners(deps.db);
      return Promise.all(
        rows.map(async ({ pseudonymKeyEnc: _secret, ...partner }) => ({
          ...partner,
          keys: await listPartnerKeys(deps.db, partner.id),
        })),
      );
    },

    /** Creates a partner and its first key (returned once). */
    async create(
      actor: PartnerActor,
      input: PartnerInput,
    ): Promise<PartnerResult<{ partner: PartnerRow; key: string }>> {
      const refused = checkScope(input);
      if (refused) return { ok: false, error: refused };
      if (await findPartnerByName(deps.db, input.name.trim()))
        return { ok: false, error: `a partner named "${input.name.trim()}" exists already` };
      return deps.db.transaction(async (tx) => {
        const [partner] = await tx
          .insert(partners)
          .values({
            name: input.name.trim(),
            contact: input.contact ?? null,
            provinces: [...new Set(input.provinces ?? [])].sort(),
            categories: [...new Set(input.categories ?? [])],
            statuses: input.statuses?.length ? [...new Set(input.statuses)] : DEFAULT_PARTNER_STATUSES,
            withText: input.withText ?? false,
            pseudonymKeyEnc: deps.cipher.encrypt(randomBytes(32).toString('base64')),
          })
          .returning();
        if (!partner) throw new Error('partner insert returned nothing');
        const { key, prefix } = await issueKey(tx, partner.id);
        const { pseudonymKeyEnc: _secret, ...after } = partner;
        await appendAudit(tx, {
          actorUserId: actor.userId,
          actor: actor.label,
          action: 'partner.create',
          subjectType: 'partner',
          subjectId: partner.id,
          after: { ...after, keyPrefix: prefix },
        });
        return { ok: true, value: { partner, key } };
      });
    },

    async createKey(
      actor: PartnerActor,
      name: string,
    ): Promise<PartnerResult<{ key: string; prefix: string }>> {
      const partner = await findPartnerByName(deps.db, name);
      if (!partner) return { ok: false, error: `no partner named "${name}"` };
      const issued = await deps.db.transaction(async (tx) => {
        const issued = await issueKey(tx, partner.id);
        await appendAudit(tx, {
          actorUserId: actor.userId,
          actor: actor.label,
          action: 'partner.key.create',
          subjectType: 'partner',
          subjectId: partner.id,
          after: { prefix: issued.prefix },
        });
        return issued;
      });
      return { ok: true, value: issued };
    },

    async revokeKeys(
      actor: PartnerActor,
      name: string,
      prefix: string | null,
    ): Promise<PartnerResult<number>> {
      const partner = await findPartnerByName(deps.db, name);
      if (!partner) return { ok: false, error: `no partner named "${name}"` };
      const revoked = await deps.db.transaction(async (tx) => {
        const revoked = await revokePartnerKeys(tx, partner.id, prefix, deps.clock());
        if (revoked)
          await appendAudit(tx, {
            actorUserId: actor.userId,
            actor: actor.label,
            action: 'partner.key.revoke',
            subjectType: 'partner',
            subjectId: partner.id,
            after: { prefix: prefix ?? 'all', revoked },
          });
        return revoked;
      });
      if (!revoked) return { ok: false, error: prefix ? `no active key ${prefix}` : 'no active keys' };
      return { ok: true, value: revoked };
    },

    /** The partner as the CLI acts for it on this machine (no key): its scope and pseudonyms. */
    async callerByName(name: string): Promise<PartnerCaller | null> {
      const partner = await findPartnerByName(deps.db, name);
      if (!partner?.active) return null;
      return { partner, keyId: 'cli', keyPrefix: 'cli', pseudonym: pseudonymizer(partner) };
    },

    /** The partner as its scheduled batches act for it (no key). */
    scheduledCaller(partner: PartnerRow): PartnerCaller {
      return { partner, keyId: 'schedule', keyPrefix: 'schedule', pseudonym: pseudonymizer(partner) };
    },

    /** The partner a key belongs to, or null for an unknown, revoked or deactivated one. */
    async authenticate(key: string): Promise<PartnerCaller | null> {
      if (!key.startsWith(PARTNER_KEY_PREFIX)) return null;
      const found = await findPartnerByKeyHash(deps.db, hashSecretToken(key));
      if (!found) return null;
      await touchPartnerKey(deps.db, found.keyId, deps.clock());
      return {
        partner: found.partner,
        keyId: found.keyId,
        keyPrefix: found.prefix,
        pseudonym: pseudonymizer(found.partner),
      };
    },
  };
}

export type PartnerService = ReturnType<typeof createPartnerService>;
