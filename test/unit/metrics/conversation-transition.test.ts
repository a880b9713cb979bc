import { describe, expect, it } from 'vitest';
import type { Effect, ReportDraft } from '../../../src/conversation/engine/effects.js';
import { type Conversation, newSession, type Session } from '../../../src/conversation/engine/session.js';
import { conversationTransition } from '../../../src/metrics/conversation-transition.js';

const NOW = new Date('2025-03-01T10:00:00Z');
const DAY = 24 * 3600 * 1000;

function conversation(startedAt: string, vars: Conversation['vars'] = {}): Conversation {
  return {
    flowId: 'lapor',
    stepId: 'ask_place',
    vars,
    retries: 0,
    texts: [],
    media: [],
    startedAt,
    messages: 1,
  };
}

function session(current: Conversation | null, updatedAt = NOW.toISOString()): Session {
  return { ...newSession(new Date(updatedAt)), conversation: current };
}

const filed = (startedAt: string): Effect => ({
  type: 'create_report',
  report: { conversationStartedAt: startedAt } as ReportDraft,
});

describe('conversationTransition', () => {
  const earlier = '2025-03-01T09:58:00Z';
  const now = NOW.toISOString();

  it('sees a conversation start, and one that starts and files a report in the same message', () => {
    expect(conversationTransition(null, session(conversation(now)), [], NOW, DAY)).toEqual({
      started: true,
      completed: false,
      abandoned: null,
    });
    expect(conversationTransition(session(null), session(null), [filed(now)], NOW, DAY)).toEqual({
      started: true,
      completed: true,
      abandoned: null,
    });
  });

  it('counts a later message that files the report as completed, not started', () => {
    const before = session(conversation(earlier), earlier);
    const after = session(conversation(earlier, { ref: 'AB12CD' }));
    expect(conversationTransition(before, after, [filed(earlier)], NOW, DAY)).toEqual({
      started: false,
      completed: true,
      abandoned: null,
    });
  });

  it('tells why a conversation ended without a report', () => {
    const before = session(conversation(earlier), earlier);
    expect(conversationTransition(before, session(null), [], NOW, DAY).abandoned).toBe('cancelled');
    expect(conversationTransition(before, session(null), [{ type: 'opt_out' }], NOW, DAY).abandoned).toBe(
      'opted_out',
    );
    expect(conversationTransition(before, session(conversation(now)), [], NOW, DAY)).toEqual({
      started: true,
      completed: false,
      abandoned: 'replaced',
    });
    const idle = session(conversation('2025-02-27T09:00:00Z'), '2025-02-27T09:00:00Z');
    expect(conversationTransition(idle, session(conversation(now)), [], NOW, DAY).abandoned).toBe('expired');
  });

  it('does not call a conversation that already filed its report abandoned', () => {
    const before = session(conversation(earlier, { ref: 'AB12CD' }), earlier);
    expect(conversationTransition(before, session(conversation(now)), [], NOW, DAY).abandoned).toBeNull();
  });
});
