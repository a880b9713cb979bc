import type { ChannelModule } from '../channel-module.js';
import { createWhatsappCloudAdapter } from './whatsapp-cloud-adapter.js';
import { whatsappCloudWebhooks } from './whatsapp-cloud-webhooks.js';

/** Meta's official WhatsApp Business Cloud API. */
export const whatsappCloudChannel: ChannelModule = {
  provider: 'whatsapp-cloud',
  create(config) {
    return config.whatsappCloud ? { adapter: createWhatsappCloudAdapter(config.whatsappCloud) } : null;
  },
  routes: whatsappCloudWebhooks,
};
