/**
 * Baileys takes more than half a second to import: it is loaded when a process first needs it (the
 * connection holder, `suara whatsapp-web link`), not by every command that reads the channel registry.
 */
let loading: Promise<typeof import('@whiskeysockets/baileys')> | undefined;

export function loadBaileys(): Promise<typeof import('@whiskeysockets/baileys')> {
  loading ??= import('@whiskeysockets/baileys');
  return loading;
}
