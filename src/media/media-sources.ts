import type { ChannelAdapter, Provider } from '../channels/channel-adapter.js';
import type { FetchMedia } from './media-source.js';

/** The providers whose attachments Suara downloads: those whose adapter can fetch them. */
export function mediaSourcesOf(adapters: ReadonlyMap<Provider, ChannelAdapter>): Map<Provider, FetchMedia> {
  const sources = new Map<Provider, FetchMedia>();
  for (const [provider, adapter] of adapters) {
    const fetchMedia = adapter.fetchMedia;
    if (fetchMedia) sources.set(provider, (ref, signal) => fetchMedia.call(adapter, ref, signal));
  }
  return sources;
}
