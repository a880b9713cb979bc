import { randomUUID } from 'node:crypto';
import type { ChannelAdapter } from '../channel-adapter.js';

/**
 * Simulator addresses carry this prefix, so a simulated conversation can never reach or read a real
 * citizen's contact, even when someone types a real number into the simulator.
 */
export const SIMULATOR_ADDRESS_PREFIX = 'sim:';

/** The web simulator's "provider": a reply is delivered the moment it is stored; the page reads it from there. */
export const simulatorAdapter: ChannelAdapter = {
  provider: 'simulator',
  async send() {
    return { ok: true, providerMessageId: `sim-${randomUUID()}`, status: 'delivered' };
  },
};
