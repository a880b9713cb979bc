import type { MessageStatus } from '../../db/schema/messages.js';

const statuses: Record<string, MessageStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
  partially_delivered: 'delivered',
  receiving: 'received',
  received: 'received',
};

/** Maps Twilio's MessageStatus onto ours; unknown values are reported as null so the caller can ignore them. */
export function mapTwilioStatus(status: string): MessageStatus | null {
  return statuses[status.toLowerCase()] ?? null;
}
