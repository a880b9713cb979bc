/** Reads one series' value from Prometheus text: the sample whose labels include all the given ones. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const given = match[2] ?? '';
    if (!Object.entries(labels).every(([key, value]) => given.includes(`${key}="${value}"`))) continue;
    total += Number(match[3]);
    found = true;
  }
  return found ? total : 0;
}

/** Every label set of a series, as written between its braces. */
export function metricLabelSets(text: string, name: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .map((line) => line.slice(name.length + 1, line.indexOf('}')));
}
