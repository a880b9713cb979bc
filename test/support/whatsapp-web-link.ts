import { createWhatsappWebAuthStore } from '../../src/channels/whatsapp-web/whatsapp-web-auth-store.js';
import type { Db } from '../../src/db/database.js';
import type { PiiCipher } from '../../src/privacy/pii-cipher.js';

/** Suara's linked number in the tests (a made-up one). */
export const LINKED_JID = '6281100000099:7@s.whatsapp.net';

/**
 * Stores credentials as a completed link leaves them (`me` and the signed `account`), so the connection
 * treats the number as linked. The keys themselves are Baileys' fresh ones: the fake socket never uses them.
 */
export async function storeLinkedCreds(db: Db, cipher: PiiCipher, session = 'default'): Promise<void> {
  const { state, saveCreds } = await createWhatsappWebAuthStore(db, cipher, session).load();
  state.creds.me = { id: LINKED_JID, name: 'Suara' };
  state.creds.account = {
    details: Buffer.from('account-details'),
    accountSignatureKey: Buffer.alloc(32, 1),
    accountSignature: Buffer.alloc(64, 2),
    deviceSignature: Buffer.alloc(64, 3),
  };
  await saveCreds();
}
