import { z } from 'zod';

/**
 * The app's webhook envelope. `id` is the event's own id, the same on every retry of that event; the
 * payload's `messageId` of a received SMS is derived from its content and is not unique.
 */
export const androidSmsEnvelopeSchema = z.looseObject({
  id: z.string().min(1).max(128).optional(),
  event: z.string().min(1).max(64),
  deviceId: z.string().max(128).optional(),
  webhookId: z.string().max(128).optional(),
  payload: z.looseObject({}).default({}),
});

export const androidSmsReceivedSchema = z.looseObject({
  message: z.string().max(65_536).default(''),
  /** Newer app versions: `sender`; older ones only the (deprecated) `phoneNumber`. */
  sender: z.string().max(64).nullish(),
  phoneNumber: z.string().max(64).nullish(),
  /** The phone's own number, when the app may read it. */
  recipient: z.string().max(64).nullish(),
  simNumber: z.number().int().nullish(),
  receivedAt: z.string().max(64).nullish(),
});

export const androidSmsStatusSchema = z.looseObject({
  messageId: z.string().min(1).max(128),
  reason: z.string().max(512).nullish(),
  error: z.string().max(512).nullish(),
});

export type AndroidSmsEnvelope = z.infer<typeof androidSmsEnvelopeSchema>;
