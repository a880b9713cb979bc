import { z } from 'zod';

const field = z.string().max(4096);

/** The fields of Twilio's inbound message webhook that Suara uses; others are accepted and ignored. */
export const twilioInboundSchema = z.looseObject({
  MessageSid: z.string({ error: 'is missing' }).regex(/^[A-Za-z0-9]{10,64}$/, { error: 'is malformed' }),
  From: z.string({ error: 'is missing' }).min(3).max(64),
  To: z.string({ error: 'is missing' }).min(3).max(64),
  Body: field.default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});

export const twilioStatusSchema = z.looseObject({
  MessageSid: z.string({ error: 'is missing' }).min(10).max(64),
  MessageStatus: z.string({ error: 'is missing' }).min(1).max(32),
  ErrorCode: z.string().max(16).optional(),
});

/** A form body as @fastify/formbody parses it: repeated keys become arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

export function isFormBody(body: unknown): body is FormBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
