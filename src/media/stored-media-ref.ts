/**
 * How a message and a report refer to a stored attachment in their `media` lists: `stored-media:<uuid>`,
 * in place of the provider's URL (which is kept, until downloaded, only in `stored_media.source_ref`).
 */
const PREFIX = 'stored-media:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function storedMediaRef(id: string): string {
  return `${PREFIX}${id}`;
}

/** The stored media id in a media reference, or null for a link that was never stored (older reports). */
export function storedMediaIdOf(ref: string): string | null {
  if (!ref.startsWith(PREFIX)) return null;
  const id = ref.slice(PREFIX.length);
  return UUID.test(id) ? id : null;
}
