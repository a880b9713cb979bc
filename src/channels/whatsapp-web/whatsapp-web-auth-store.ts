import type {
  AuthenticationCreds,
  AuthenticationState,
  SignalDataSet,
  SignalDataTypeMap,
} from '@whiskeysockets/baileys';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { whatsappWebAuth } from '../../db/schema/whatsapp-web-auth.js';
import type { PiiCipher } from '../../privacy/pii-cipher.js';
import { loadBaileys } from './load-baileys.js';

export interface LoadedAuthState {
  state: AuthenticationState;
  /** Writes `creds` as Baileys last changed it (on every `creds.update`). */
  saveCreds(): Promise<void>;
}

export interface WhatsappWebAuthStore {
  /** The stored state, or fresh credentials for a number not linked yet (nothing is written until saved). */
  load(): Promise<LoadedAuthState>;
  /** A number was linked and has not been logged out since. */
  isLinked(): Promise<boolean>;
  /** The linked number's WhatsApp id (Suara's own number, not a citizen's), if linked. */
  linkedAs(): Promise<string | null>;
  /** Forgets the link (logged out, or relinking): every key of the session. */
  clear(): Promise<void>;
}

const CREDS = 'creds';

/**
 * Baileys' authentication state in Postgres, modelled on its `useMultiFileAuthState` (which it says is not
 * for production): `creds` plus one row per Signal key, serialised with its BufferJSON (so Buffers and
 * Uint8Arrays survive) and sealed with the PII cipher.
 */
export function createWhatsappWebAuthStore(db: Db, cipher: PiiCipher, session: string): WhatsappWebAuthStore {
  const seal = async (value: unknown) => {
    const { BufferJSON } = await loadBaileys();
    return cipher.encrypt(JSON.stringify(value, BufferJSON.replacer));
  };
  const open = async (sealed: string): Promise<unknown> => {
    const { BufferJSON } = await loadBaileys();
    return JSON.parse(cipher.decrypt(sealed), BufferJSON.reviver);
  };
  const write = async (rows: { key: string; value: unknown }[]) => {
    if (!rows.length) return;
    const values = await Promise.all(
      rows.map(async (row) => ({
        session,
        key: row.key,
        value: await seal(row.value),
        updatedAt: new Date(),
      })),
    );
    await db
      .insert(whatsappWebAuth)
      .values(values)
      .onConflictDoUpdate({
        target: [whatsappWebAuth.session, whatsappWebAuth.key],
        set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` },
      });
  };
  const readCreds = async (): Promise<AuthenticationCreds | null> => {
    const [row] = await db
      .select({ value: whatsappWebAuth.value })
      .from(whatsappWebAuth)
      .where(and(eq(whatsappWebAuth.session, session), eq(whatsappWebAuth.key, CREDS)));
    // Parsing boundary: the row was written by saveCreds from Baileys' own creds object.
    return row ? ((await open(row.value)) as AuthenticationCreds) : null;
  };

  return {
    async load() {
      const baileys = await loadBaileys();
      const creds = (await readCreds()) ?? baileys.initAuthCreds();
      const state: AuthenticationState = {
        creds,
        keys: {
          async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
            const found: { [id: string]: SignalDataTypeMap[T] } = {};
            if (!ids.length) return found;
            const rows = await db
              .select({ key: whatsappWebAuth.key, value: whatsappWebAuth.value })
              .from(whatsappWebAuth)
              .where(
                and(
                  eq(whatsappWebAuth.session, session),
                  inArray(
                    whatsappWebAuth.key,
                    ids.map((id) => keyOf(type, id)),
                  ),
                ),
              );
            for (const row of rows) {
              const id = row.key.slice(type.length + 1);
              let value = await open(row.value);
              // As useMultiFileAuthState does: this one type is a protobuf class, not a plain object.
              if (type === 'app-state-sync-key' && value && typeof value === 'object')
                value = baileys.proto.Message.AppStateSyncKeyData.fromObject(value);
              // Parsing boundary: each row was written by `set` below under this very type.
              found[id] = value as SignalDataTypeMap[T];
            }
            return found;
          },
          async set(data: SignalDataSet) {
            const upserts: { key: string; value: unknown }[] = [];
            const deletes: string[] = [];
            for (const [type, entries] of Object.entries(data)) {
              for (const [id, value] of Object.entries(entries ?? {})) {
                if (value) upserts.push({ key: keyOf(type, id), value });
                else deletes.push(keyOf(type, id));
              }
            }
            await write(upserts);
            if (deletes.length)
              await db
                .delete(whatsappWebAuth)
                .where(and(eq(whatsappWebAuth.session, session), inArray(whatsappWebAuth.key, deletes)));
          },
        },
      };
      return { state, saveCreds: () => write([{ key: CREDS, value: creds }]) };
    },
    async isLinked() {
      // `me` alone is set as soon as a pairing code is requested; `account` only once the phone confirmed.
      const creds = await readCreds();
      return Boolean(creds?.account && creds.me?.id);
    },
    async linkedAs() {
      return (await readCreds())?.me?.id ?? null;
    },
    async clear() {
      await db.delete(whatsappWebAuth).where(eq(whatsappWebAuth.session, session));
    },
  };
}

function keyOf(type: string, id: string): string {
  return `${type}/${id}`;
}
