import { createHolderLock, holderLockKey } from '../channels/whatsapp-web/holder-lock.js';
import { linkNumber } from '../channels/whatsapp-web/link-number.js';
import { baileysSocketFactory } from '../channels/whatsapp-web/make-baileys-socket.js';
import { terminalQr } from '../channels/whatsapp-web/terminal-qr.js';
import { createWhatsappWebAuthStore } from '../channels/whatsapp-web/whatsapp-web-auth-store.js';
import type { Command } from './command.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { runWithUsage } from './run-with-usage.js';
import { UsageError } from './usage-error.js';
import { withCliServices } from './with-cli-services.js';

const USAGE = `Usage:
  suara whatsapp-web link [--relink] [--timeout-seconds N]
      Links a WhatsApp number to Suara as a linked device (WhatsApp Web, through Baileys). Shows the QR
      code WhatsApp offers in the terminal (a new one about every 20 s): scan it on the phone under
      Settings → Linked devices → Link a device. Waits until the phone confirms, stores the link in
      Postgres (sealed with the PII key) and exits.
  suara whatsapp-web link --pairing-code --phone <number>
      The same without a QR code: prints an 8-character code to enter on the phone under Linked devices →
      Link a device → Link with phone number instead. <number> is the phone's own number with country
      code (6281234567890 or +62 812-3456-7890).

Options:
  --relink             forget the number linked now and link again (the old link stops working)
  --timeout-seconds N  give up after N seconds (default 180)

Workers must not hold the connection while linking: the command takes the same lock they use and
refuses if one of them holds it. The session (WHATSAPP_WEB_SESSION), database and Redis are those of
the environment. WhatsApp may ban numbers used this way: see the README.`;

async function runLink(args: string[]): Promise<number> {
  const values = parseSubcommandArgs(args, {
    'pairing-code': { type: 'boolean' },
    phone: { type: 'string' },
    relink: { type: 'boolean' },
    'timeout-seconds': { type: 'string' },
  });
  const phone = values.phone?.replace(/[\s()+-]/g, '');
  if (values['pairing-code'] && !phone) throw new UsageError('--pairing-code needs --phone <number>');
  if (phone !== undefined && !/^[1-9]\d{7,14}$/.test(phone))
    throw new UsageError('--phone must be the number with its country code, such as 6281234567890');
  const timeoutSeconds = Number(values['timeout-seconds'] ?? 180);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 10)
    throw new UsageError('--timeout-seconds must be a whole number of at least 10');

  return withCliServices('whatsapp-web', async (services) => {
    const { config } = services;
    const session = config.WHATSAPP_WEB_SESSION;
    const store = createWhatsappWebAuthStore(services.database.db, services.cipher, session);
    const ttlMs = config.WHATSAPP_WEB_LOCK_TTL_SECONDS * 1000;
    const lock = createHolderLock(services.redis, holderLockKey(config.QUEUE_PREFIX, session), ttlMs);
    if (!(await lock.acquire())) {
      console.error(
        'suara whatsapp-web: a running Suara process holds the WhatsApp Web connection for this session. Stop the workers (suara worker / suara serve) and try again.',
      );
      return 1;
    }
    const renewal = setInterval(() => void lock.renew().catch(() => {}), Math.floor(ttlMs / 3));
    try {
      if ((await store.isLinked()) && !values.relink) {
        console.log(
          `Already linked as ${await store.linkedAs()}. Use --relink to link another number (the current link stops working).`,
        );
        return 0;
      }
      await store.clear();
      console.log(
        phone && values['pairing-code']
          ? 'Asking WhatsApp for a pairing code…'
          : 'Waiting for WhatsApp’s QR code…',
      );
      const result = await linkNumber({
        store,
        socketFactory: baileysSocketFactory(services.logger),
        timeoutMs: timeoutSeconds * 1000,
        ...(phone && values['pairing-code'] ? { pairingPhone: phone } : {}),
        onQr(qr) {
          // The raw text stays a fallback for a terminal that cannot show the blocks.
          void terminalQr(qr)
            .catch(() => qr)
            .then((drawn) =>
              console.log(
                `\nScan this on the phone: WhatsApp → Settings → Linked devices → Link a device.\n${drawn}`,
              ),
            );
        },
        onPairingCode(code) {
          console.log(
            `\nPairing code: ${code}\nOn the phone: WhatsApp → Settings → Linked devices → Link a device → Link with phone number instead, then enter the code.\n`,
          );
        },
      });
      if (!result.ok) {
        console.error(`suara whatsapp-web: not linked: ${result.error}`);
        return 1;
      }
      console.log(`Linked as ${result.linkedAs}. Set WHATSAPP_WEB_ENABLED=true and start the workers.`);
      return 0;
    } finally {
      clearInterval(renewal);
      await lock.release().catch(() => {});
    }
  });
}

export const whatsappWebCommand: Command = {
  name: 'whatsapp-web',
  summary: 'Link a WhatsApp number as a linked device (Baileys) by QR or pairing code.',
  usage: USAGE,
  run(args) {
    return runWithUsage('whatsapp-web', USAGE, args, async ([first, ...rest]) => {
      if (first === 'link') return runLink(rest);
      throw new UsageError(`unknown subcommand "${first}"`);
    });
  },
};
