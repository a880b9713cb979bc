import type { WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { chatKindOf, jidOfPhone, phoneOfJid } from '../../../src/channels/whatsapp-web/baileys-jid.js';
import {
  type ParseContext,
  parseBaileysMessage,
} from '../../../src/channels/whatsapp-web/parse-baileys-message.js';
import { resolveWhatsappWebConfig } from '../../../src/channels/whatsapp-web/whatsapp-web-config.js';
import { loadConfig } from '../../../src/config.js';

const context: ParseContext = {
  to: '+6281100000099',
  receivedAt: new Date('2026-11-23T08:00:00Z'),
  phoneForLid: async (lid) => (lid === '111@lid' ? '6281200000001@s.whatsapp.net' : null),
  mediaRef: (kind, content) => ({
    url: `baileys:media/${kind}/sealed`,
    contentType: content.mimetype ?? null,
  }),
};
const message = (
  remoteJid: string,
  content: WAMessage['message'],
  key: Partial<WAMessage['key']> = {},
): WAMessage => ({
  key: { remoteJid, fromMe: false, id: 'ABC123', ...key },
  message: content,
});

describe('WhatsApp JIDs', () => {
  it('tells people, LIDs, groups, broadcasts and channels apart', () => {
    expect(chatKindOf('6281234567890@s.whatsapp.net')).toBe('person');
    expect(chatKindOf('123456789012345@lid')).toBe('lid');
    expect(chatKindOf('120363041234567890@g.us')).toBe('group');
    expect(chatKindOf('status@broadcast')).toBe('broadcast');
    expect(chatKindOf('120363998877665544@newsletter')).toBe('newsletter');
    expect(chatKindOf(undefined)).toBe('other');
  });
  it('turns a person’s JID into E.164 and back, without the device suffix', () => {
    expect(phoneOfJid('6281234567890:12@s.whatsapp.net')).toBe('+6281234567890');
    expect(phoneOfJid('123456789012345@lid')).toBeNull();
    expect(phoneOfJid('status@broadcast')).toBeNull();
    expect(jidOfPhone('+6281234567890')).toBe('6281234567890@s.whatsapp.net');
  });
});

describe('parseBaileysMessage', () => {
  it('reads text, extended text and captions', async () => {
    const plain = await parseBaileysMessage(
      message('6281234567890@s.whatsapp.net', { conversation: 'halo' }),
      context,
    );
    expect(plain).toEqual({
      kind: 'message',
      message: {
        provider: 'baileys',
        channel: 'whatsapp',
        providerMessageId: 'ABC123',
        from: '+6281234567890',
        to: '+6281100000099',
        body: 'halo',
        media: [],
        receivedAt: '2026-11-23T08:00:00.000Z',
      },
    });
    const extended = await parseBaileysMessage(
      message('6281234567890@s.whatsapp.net', { extendedTextMessage: { text: 'lihat https://x.id' } }),
      context,
    );
    expect(extended.kind === 'message' && extended.message.body).toBe('lihat https://x.id');
    const photo = await parseBaileysMessage(
      message('6281234567890@s.whatsapp.net', {
        imageMessage: { caption: 'sungai', mimetype: 'image/jpeg' },
      }),
      context,
    );
    expect(photo.kind === 'message' && photo.message).toMatchObject({
      body: 'sungai',
      media: [{ url: 'baileys:media/imageMessage/sealed', contentType: 'image/jpeg' }],
    });
  });

  it('unwraps disappearing and view-once messages', async () => {
    const wrapped = await parseBaileysMessage(
      message('6281234567890@s.whatsapp.net', {
        ephemeralMessage: {
          message: { viewOnceMessageV2: { message: { imageMessage: { mimetype: 'image/png' } } } },
        },
      }),
      context,
    );
    expect(wrapped.kind === 'message' && wrapped.message.media).toHaveLength(1);
  });

  it('resolves a LID sender through Baileys’ mapping, and skips one it cannot', async () => {
    const known = await parseBaileysMessage(message('111@lid', { conversation: 'x' }), context);
    expect(known.kind === 'message' && known.message.from).toBe('+6281200000001');
    expect(await parseBaileysMessage(message('222@lid', { conversation: 'x' }), context)).toEqual({
      kind: 'ignored',
      reason: 'sender has no known phone number',
    });
  });

  it('ignores what is not a citizen writing to Suara', async () => {
    const cases: WAMessage[] = [
      message('6281234567890@s.whatsapp.net', { conversation: 'x' }, { fromMe: true }),
      message('120363041234567890@g.us', { conversation: 'x' }),
      message('status@broadcast', { conversation: 'x' }),
      message('1234567890@broadcast', { conversation: 'x' }),
      message('120363998877665544@newsletter', { conversation: 'x' }),
      message('6281234567890@s.whatsapp.net', { stickerMessage: { mimetype: 'image/webp' } }),
      message('6281234567890@s.whatsapp.net', null),
    ];
    for (const item of cases) expect((await parseBaileysMessage(item, context)).kind).toBe('ignored');
  });
});

describe('WHATSAPP_WEB_ENABLED', () => {
  it('leaves the channel disabled unless set, naming what to do', () => {
    const off = resolveWhatsappWebConfig({
      WHATSAPP_WEB_ENABLED: false,
      WHATSAPP_WEB_SESSION: 'default',
      WHATSAPP_WEB_SENDS_PER_MINUTE: 12,
      WHATSAPP_WEB_LOCK_TTL_SECONDS: 30,
      WHATSAPP_WEB_LINK_TIMEOUT_SECONDS: 180,
    });
    expect(off).toMatchObject({ ok: true, config: null });
    expect(off.ok && off.disabled).toContain('WHATSAPP_WEB_ENABLED=true');
    const on = resolveWhatsappWebConfig({
      WHATSAPP_WEB_ENABLED: true,
      WHATSAPP_WEB_SESSION: 'default',
      WHATSAPP_WEB_SENDS_PER_MINUTE: 12,
      WHATSAPP_WEB_LOCK_TTL_SECONDS: 30,
      WHATSAPP_WEB_LINK_TIMEOUT_SECONDS: 180,
    });
    expect(on).toEqual({ ok: true, config: { session: 'default', sendsPerMinute: 12, lockTtlMs: 30_000 } });
  });

  it('gives a workspace link 180 s by default, WHATSAPP_WEB_LINK_TIMEOUT_SECONDS otherwise', () => {
    const base = { PII_KEY: 'f'.repeat(64) };
    const seconds = (env: Record<string, string>) => {
      const result = loadConfig({ ...base, ...env });
      return result.ok ? result.config.WHATSAPP_WEB_LINK_TIMEOUT_SECONDS : result.error;
    };
    expect(seconds({})).toBe(180);
    expect(seconds({ WHATSAPP_WEB_LINK_TIMEOUT_SECONDS: '600' })).toBe(600);
    expect(seconds({ WHATSAPP_WEB_LINK_TIMEOUT_SECONDS: '5' })).toMatch(/WHATSAPP_WEB_LINK_TIMEOUT_SECONDS/);
  });
});
