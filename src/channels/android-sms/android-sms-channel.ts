import type { ChannelModule } from '../channel-module.js';
import { createAndroidSmsAdapter } from './android-sms-adapter.js';
import { androidSmsWebhooks } from './android-sms-webhooks.js';
import { createDeviceHealth } from './device-health.js';

/** SMS through Android phones with a local SIM running the open-source SMS Gateway for Android app. */
export const androidSmsChannel: ChannelModule = {
  provider: 'android-sms',
  create(config, context) {
    const settings = config.androidSms;
    if (!settings) return null;
    const health = createDeviceHealth(settings, context);
    return {
      adapter: createAndroidSmsAdapter(settings, context.clock),
      health: health.check,
      webhookReceived(source) {
        if (source) health.seen(source);
      },
      async start() {
        health.start();
      },
      async stop() {
        health.stop();
      },
    };
  },
  routes: androidSmsWebhooks,
};
