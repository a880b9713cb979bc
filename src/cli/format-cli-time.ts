/** A timestamp as `2025-03-01 14:05 UTC`: unambiguous on a server whatever its time zone. */
export function formatCliTime(value: Date | null, none = '-'): string {
  if (!value) return none;
  return `${value.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
