import type { ChannelModule } from '../channel-module.js';
import { createTwilioAdapter } from './twilio-adapter.js';
import { twilioWebhooks } from './twilio-webhooks.js';

/** Twilio: WhatsApp senders (Indonesian numbers possible) and SMS outside Indonesia. */
export const twilioChannel: ChannelModule = {
  provider: 'twilio',
  create(config) {
    return config.twilio ? { adapter: createTwilioAdapter(config.twilio) } : null;
  },
  routes: twilioWebhooks,
};
