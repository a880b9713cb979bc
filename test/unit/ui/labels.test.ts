import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../src/classifier/classification.js';
import { FOLLOW_UP_KINDS } from '../../../src/db/schema/follow-ups.js';
import { MESSAGE_STATUSES } from '../../../src/db/schema/messages.js';
import { REPORT_EVENT_TYPES } from '../../../src/db/schema/report-events.js';
import {
  CLOSE_OUTCOMES,
  DUE_KINDS,
  REJECTION_REASONS,
  REPORT_STATUSES,
} from '../../../src/db/schema/reports.js';
import { isMessageKey } from '../../../src/ui/i18n.js';

// `label()` shows a raw value when its key is missing; this keeps every value the pages label translated.
describe('workspace labels', () => {
  const labelled = [
    ...REPORT_STATUSES,
    ...CATEGORIES,
    ...CLOSE_OUTCOMES,
    ...REJECTION_REASONS,
    ...FOLLOW_UP_KINDS,
    ...DUE_KINDS,
    ...MESSAGE_STATUSES.filter((status) => status !== 'held').map((status) => `msg_${status}`),
    ...REPORT_EVENT_TYPES.map((type) => `ev_${type}`),
  ];
  it.each(labelled)('has a label for %s', (value) => {
    expect(isMessageKey(value)).toBe(true);
  });
});
