import { and, eq } from 'drizzle-orm';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { ACCOUNT_SID, messageSid, type TestStack, waitFor } from './test-stack.js';

/**
 * A citizen texts Suara over the signed Twilio webhook (on WhatsApp when `from` is `whatsapp:+62…`) and
 * waits until the message is handled. `extra` adds form fields (media).
 */
export async function citizenSends(
  stack: TestStack,
  from: string,
  body: string,
  extra: Record<string, string> = {},
): Promise<void> {
  const sid = messageSid();
  const response = await stack.postSigned('/webhooks/twilio', {
    AccountSid: ACCOUNT_SID,
    MessageSid: sid,
    From: from,
    To: from.startsWith('whatsapp:') ? 'whatsapp:+14155238886' : '+15005550006',
    Body: body,
    NumMedia: '0',
    ...extra,
  });
  if (response.statusCode !== 200) throw new Error(`webhook answered ${response.statusCode}`);
  await waitFor(async () => {
    const [row] = await stack.database.db
      .select({ handledAt: messages.handledAt })
      .from(messages)
      .where(and(eq(messages.provider, 'twilio'), eq(messages.providerMessageId, sid)));
    return row?.handledAt;
  });
}

/** Reports a complaint by SMS (complaint, then "1" to confirm the category) and returns its code. */
export async function citizenReports(stack: TestStack, from: string, complaint: string): Promise<string> {
  await citizenSends(stack, from, complaint);
  await citizenSends(stack, from, '1');
  const rows = await stack.database.db
    .select({ code: reports.referenceCode, texts: reports.texts })
    .from(reports);
  const row = rows.find((r) => r.texts[0] === complaint);
  if (!row) throw new Error(`no report made from: ${complaint}`);
  return row.code;
}
