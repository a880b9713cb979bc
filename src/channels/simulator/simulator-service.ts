import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { MediaRef } from '../../db/schema/messages.js';
import type { InboundProducer } from '../../pipeline/inbound-producer.js';
import type { PiiCipher } from '../../privacy/pii-cipher.js';
import { countSegments } from '../../sms/count-segments.js';
import type { Channel } from '../channel-adapter.js';
import { SIMULATOR_ADDRESS_PREFIX } from './simulator-adapter.js';
import { listMessagesOfAddress } from './simulator-transcript-repository.js';

export type SimulatorService = ReturnType<typeof createSimulatorService>;

/** The web simulator's channel: what a typed message becomes, and the conversation read back. */
export function createSimulatorService(deps: { db: Db; inbound: InboundProducer; cipher: PiiCipher }) {
  return {
    /** Queues the message like any provider's; throws when the queue is unavailable. */
    async send(input: { from: string; channel: Channel; text: string; media: MediaRef[] }): Promise<string> {
      const id = randomUUID();
      await deps.inbound.enqueue({
        provider: 'simulator',
        channel: input.channel,
        providerMessageId: id,
        from: `${SIMULATOR_ADDRESS_PREFIX}${input.from}`,
        to: 'suara',
        body: input.text,
        // SMS carries no media.
        media: input.channel === 'whatsapp' ? input.media : [],
        receivedAt: new Date().toISOString(),
      });
      return id;
    },

    async transcript(from: string, channel: Channel) {
      const hash = deps.cipher.hash(`${SIMULATOR_ADDRESS_PREFIX}${from}`);
      const rows = await listMessagesOfAddress(deps.db, channel, hash);
      return rows.map((row) => ({
        ...row,
        segments: row.direction === 'outbound' ? countSegments(row.body).segments : null,
      }));
    },
  };
}
