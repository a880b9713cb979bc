/** What Suara stores from citizens: photos, voice notes, videos and PDF documents — nothing executable. */
export function isAllowedMediaType(contentType: string): boolean {
  const type = baseMediaType(contentType);
  return /^(image|audio|video)\/[a-z0-9][a-z0-9.+-]*$/.test(type) || type === 'application/pdf';
}

/** `image/jpeg; charset=…` → `image/jpeg`, lower case. */
export function baseMediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Images whose metadata Suara strips by re-encoding them (sharp's formats; others are refused). */
export function isImageType(contentType: string): boolean {
  return baseMediaType(contentType).startsWith('image/');
}
