import type { Logger } from '../../logger.js';
import { loadBaileys } from './load-baileys.js';
import type { SocketFactory, WhatsappSocket } from './whatsapp-socket.js';

/**
 * The production socket: Baileys' own, with the signal keys cached in memory in front of Postgres. History
 * sync is off (Suara answers new messages only) and the client names itself "Suara" in Linked Devices.
 */
export function baileysSocketFactory(logger: Logger): SocketFactory {
  return async (auth) => {
    const baileys = await loadBaileys();
    // Baileys' own log lines name chats by their JIDs, phone numbers among them: only its fatal ones are kept.
    const quiet = logger.child({ module: 'baileys' }, { level: 'fatal' });
    const socket = baileys.makeWASocket({
      auth: { creds: auth.creds, keys: baileys.makeCacheableSignalKeyStore(auth.keys, quiet) },
      logger: quiet,
      browser: baileys.Browsers.ubuntu('Suara'),
      markOnlineOnConnect: false,
      syncFullHistory: false,
      shouldSyncHistoryMessage: () => false,
    });
    const subset: WhatsappSocket = socket;
    return subset;
  };
}
