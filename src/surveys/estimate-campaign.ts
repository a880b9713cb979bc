import type { LocalizedText } from '../conversation/flows/flow-schema.js';
import type { CampaignEstimate } from '../db/schema/campaigns.js';
import { countSegments } from '../sms/count-segments.js';
import type { AudienceMember } from './audience-repository.js';

export interface PriceList {
  /** Price of one SMS segment (or one WhatsApp message) per provider. */
  prices: Readonly<Record<string, number>>;
  currency: string;
}

/** SMS segments one invitation costs: by SMS its segment count, by WhatsApp one message. */
export function invitationSegments(
  invitation: LocalizedText,
  member: Pick<AudienceMember, 'channel' | 'language'>,
): number {
  if (member.channel === 'whatsapp') return 1;
  return countSegments(invitation[member.language === 'en' ? 'en' : 'id']).segments;
}

/**
 * What a campaign will cost before it is sent: segments × recipients × the provider's price, summed
 * per recipient (languages and providers differ). A provider without a price counts as free and is named.
 */
export function estimateCampaign(
  invitation: LocalizedText,
  members: readonly AudienceMember[],
  priceList: PriceList,
): CampaignEstimate & { unpricedProviders: string[] } {
  let sms = 0;
  let cost = 0;
  const unpriced = new Set<string>();
  for (const member of members) {
    const segments = invitationSegments(invitation, member);
    sms += segments;
    const price = priceList.prices[member.provider];
    if (price === undefined) unpriced.add(member.provider);
    cost += segments * (price ?? 0);
  }
  return {
    recipients: members.length,
    sms,
    cost: Math.round(cost * 100) / 100,
    currency: priceList.currency,
    unpricedProviders: [...unpriced].sort(),
  };
}
