import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { signWhatsappCloudWebhook } from '../../src/channels/whatsapp-cloud/whatsapp-cloud-signature.js';
import type { TestStack } from './test-stack.js';

/** A Cloud API message id as Meta writes them. */
export const wamid = () => `wamid.HBgN${randomBytes(12).toString('hex')}`;

/** A webhook as Meta batches it: one entry, one change, its messages and statuses. */
export function cloudWebhook(value: { messages?: object[]; statuses?: object[] }, phoneNumberId: string) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** A citizen's text message in a Cloud API webhook. */
export const cloudText = (from: string, body: string, id = wamid()) => ({
  from,
  id,
  timestamp: String(Math.floor(Date.now() / 1000)),
  type: 'text',
  text: { body },
});

/** POSTs a payload to the Cloud API webhook, signed with the app secret as Meta signs it. */
export function postCloudWebhook(
  stack: TestStack,
  secret: string,
  payload: object,
): Promise<LightMyRequestResponse> {
  const body = Buffer.from(JSON.stringify(payload));
  return stack.app.inject({
    method: 'POST',
    url: '/webhooks/whatsapp-cloud',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signWhatsappCloudWebhook(secret, body),
    },
    payload: body,
  });
}
