import type { ChaosFigures } from './run-chaos-scenario.js';

const seconds = (ms: number | null) => (ms === null ? 'not within the bound' : `${(ms / 1000).toFixed(1)} s`);

/** The figures of one scenario as a plain table, for the test output and the CI log. */
export function formatChaosFigures(figures: ChaosFigures): string {
  const refused = Object.entries(figures.refused)
    .map(([label, count]) => `${count} × ${label}`)
    .join(', ');
  const unsent = Object.entries(figures.replies.unsent)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const rows: [string, string][] = [
    ['webhooks sent', String(figures.sent)],
    ['acknowledged (200, probes included)', String(figures.inbound.acknowledged)],
    ['refused or unanswered', refused || '0'],
    ['stored exactly once', String(figures.inbound.storedOnce)],
    ['stored more than once', String(figures.inbound.storedTwice)],
    ['acknowledged but missing', String(figures.inbound.missing.length)],
    ['stored but not handled', String(figures.inbound.unhandled.length)],
    ['inbound jobs still queued at the end', String(figures.inbound.stillQueued)],
    ['dead-lettered', String(figures.inbound.deadLettered.length)],
    ['stored though not acknowledged', String(figures.inbound.storedUnacknowledged)],
    ['replies stored', String(figures.replies.stored)],
    [
      'replies by status',
      Object.entries(figures.replies.statuses)
        .map(([status, count]) => `${count} ${status}`)
        .join(', '),
    ],
    ['sends at the Twilio stand-in', String(figures.replies.sent)],
    ['duplicate sends', String(figures.replies.duplicates)],
    ['replies never sent', unsent || '0'],
    ['sends matching no stored reply', String(figures.replies.unmatched)],
    ...figures.faults.map((fault): [string, string] => [
      `recovery after ${fault.kind}`,
      `API ${seconds(fault.apiMs)}, workers ${seconds(fault.workersMs)} (${fault.detail})`,
    ]),
    ['settled after the load', seconds(figures.settleMs)],
    ['processes dead at the end', figures.deadAtEnd.join(', ') || 'none'],
    ['unexpected process exits', figures.unexpectedExits.join(', ') || 'none'],
    ['Redis keys scanned', String(figures.plaintext.keys)],
    ['plaintext numbers or texts found', String(figures.plaintext.findings.length)],
    ['duration', seconds(figures.durationMs)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `Chaos figures: ${figures.mode}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ].join('\n');
}
