import type { Config } from '../config.js';
import { androidSmsChannel } from './android-sms/android-sms-channel.js';
import type { Provider } from './channel-adapter.js';
import type { Channel, ChannelContext, ChannelModule } from './channel-module.js';
import { twilioChannel } from './twilio/twilio-channel.js';
import { whatsappCloudChannel } from './whatsapp-cloud/whatsapp-cloud-channel.js';
import { whatsappWebChannel } from './whatsapp-web/whatsapp-web-channel.js';

/** Every provider Suara can speak to. Adding one: a module under src/channels/<provider>/ and a line here. */
export const channelModules: readonly ChannelModule[] = [
  twilioChannel,
  androidSmsChannel,
  whatsappCloudChannel,
  whatsappWebChannel,
];

/** The channels this configuration enables. */
export function createChannels(config: Config, context: ChannelContext): Map<Provider, Channel> {
  const channels = new Map<Provider, Channel>();
  for (const module of channelModules) {
    const channel = module.create(config, context);
    if (channel) channels.set(module.provider, channel);
  }
  return channels;
}
