import type { StatusOutcome } from '../pipeline/apply-status-update.js';
import type { InboundProducer } from '../pipeline/inbound-producer.js';
import type { StatusUpdateService } from '../pipeline/status-update-service.js';
import type { ChannelEvent, Provider } from './channel-adapter.js';

export interface AcceptedEvents {
  messages: number;
  statuses: StatusOutcome[];
  ignored: number;
}

/**
 * Takes what a webhook reported: citizen messages go to the durable inbound queue (rejects if Redis is
 * unavailable, so the route can refuse and the provider retry), delivery statuses to the database.
 */
export function createWebhookEventSink(deps: {
  inbound: InboundProducer;
  statusUpdates: StatusUpdateService;
}) {
  return {
    async accept(provider: Provider, events: ChannelEvent[]): Promise<AcceptedEvents> {
      const accepted: AcceptedEvents = { messages: 0, statuses: [], ignored: 0 };
      for (const event of events) {
        if (event.kind === 'message') {
          await deps.inbound.enqueue(event.message);
          accepted.messages += 1;
        } else if (event.kind === 'status') {
          accepted.statuses.push(await deps.statusUpdates.apply(provider, event.update));
        } else {
          accepted.ignored += 1;
        }
      }
      return accepted;
    },
  };
}

export type WebhookEventSink = ReturnType<typeof createWebhookEventSink>;
