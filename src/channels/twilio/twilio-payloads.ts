import { z } from 'zod';

const field = z.string().max(4096);

/** The fields of Twilio's inbound message webhook that Suara uses; others are accepted and ignored. */
export const twilioInboundSchema = z.looseObject({
  MessageSid: z.string().regex(/^[A-Za-z0-9]{10,64}$/, { message: 'MessageSid is missing or malformed' }),
  From: z.string().min(3, { message: 'From is missing' }).max(64),
  To: z.string().min(3, { message: 'To is missing' }).max(64),
  Body: field.default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});

export const twilioStatusSchema = z.looseObject({
  MessageSid: z.string().min(10).max(64),
  MessageStatus: z.string().min(1).max(32),
  ErrorCode: z.string().max(16).optional(),
});

/** A form body as @fastify/formbody parses it: repeated keys become arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

export function isFormBody(body: unknown): body is FormBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
