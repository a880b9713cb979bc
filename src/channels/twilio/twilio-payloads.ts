import { z } from 'zod';

/**
 * Twilio documents 1,600 characters for a message on every channel (it truncates longer inbound ones);
 * WhatsApp itself allows 65,536. A signed request refused for its length is lost (Twilio does not retry a
 * 4xx), so anything up to WhatsApp's own limit is accepted and stored.
 */
export const MAX_BODY_CHARS = 65_536;

/**
 * The inbound webhook's body limit: the longest Body form-encoded (a three-byte UTF-8 character becomes
 * %XX%XX%XX, 9 bytes per UTF-16 unit) plus room for the other fields and ten media URLs.
 */
export const INBOUND_FORM_LIMIT_BYTES = MAX_BODY_CHARS * 9 + 64 * 1024;

/** E.164: a plus, a country code that does not start with 0, 8 to 15 digits in all. */
const E164 = '\\+[1-9]\\d{7,14}';
const ADDRESS = new RegExp(`^(?:whatsapp:)?${E164}$`);
const ADDRESS_RULE =
  'must be a phone number in E.164 form (+ and 8 to 15 digits), or for WhatsApp whatsapp: followed by one';

/**
 * zod's message for a field that is not one string. @fastify/formbody turns a repeated key into an
 * array; saying "missing" for that (or for a value that is merely too long) sent people looking in vain.
 * Every check below carries its own message, so this one speaks only of the field's type.
 */
function notOneText(issue: { input?: unknown }): string {
  if (issue.input === undefined) return 'is missing';
  return Array.isArray(issue.input) ? 'is given more than once' : 'must be text';
}

const text = () => z.string({ error: notOneText });

/** The fields of Twilio's inbound message webhook that Suara uses; others are accepted and ignored. */
export const twilioInboundSchema = z.looseObject({
  MessageSid: text().regex(/^[A-Za-z0-9]{10,64}$/, { error: 'is malformed' }),
  // Replies go to this address: anything else ("abc") would be sent to the provider as a recipient.
  From: text().regex(ADDRESS, { error: ADDRESS_RULE }),
  To: text()
    .min(3, { error: 'is shorter than 3 characters' })
    .max(64, { error: 'is longer than 64 characters' }),
  Body: text()
    .max(MAX_BODY_CHARS, { error: `is longer than ${MAX_BODY_CHARS} characters` })
    .default(''),
  // A check without its own message takes the schema's: one message for every way this can be wrong.
  NumMedia: z.coerce.number({ error: 'must be a whole number from 0 to 10' }).int().min(0).max(10).default(0),
});

export const twilioStatusSchema = z.looseObject({
  MessageSid: text()
    .min(10, { error: 'is shorter than 10 characters' })
    .max(64, { error: 'is longer than 64 characters' }),
  MessageStatus: text().min(1, { error: 'is empty' }).max(32, { error: 'is longer than 32 characters' }),
  ErrorCode: text().max(16, { error: 'is longer than 16 characters' }).optional(),
});

/** A form body as @fastify/formbody parses it: repeated keys become arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

export function isFormBody(body: unknown): body is FormBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
