import { describe, expect, it } from 'vitest';
import { joinReplies } from '../../../src/conversation/engine/join-replies.js';
import { joinParts, nextTurn, splitIntoTurns } from '../../../src/pipeline/coalesce-batch.js';

const at = (seconds: number, body = `m${seconds}`) => ({ receivedAt: new Date(seconds * 1000), body });
const keywords = new Set(['STATUS', 'STOP']);
const rule = {
  windowMs: 3000,
  maxParts: 3,
  joinable: (body: string, position: 'first' | 'later') =>
    body === 'LAPOR' ? position === 'first' : !keywords.has(body),
};
const bodies = (turns: { body: string }[][]) => turns.map((turn) => turn.map((m) => m.body));

describe('splitIntoTurns', () => {
  it('joins messages within the window of the one before, and starts a new turn after it', () => {
    expect(bodies(splitIntoTurns([at(0), at(2), at(4.5), at(8), at(20)], rule))).toEqual([
      ['m0', 'm2', 'm4.5'],
      ['m8'],
      ['m20'],
    ]);
  });

  it('keeps keywords alone, and lets LAPOR begin a turn but not continue one', () => {
    const turns = splitIntoTurns(
      [at(0, 'a'), at(1, 'STATUS'), at(2, 'b'), at(3, 'LAPOR'), at(4, 'c'), at(5, 'STOP')],
      rule,
    );
    expect(bodies(turns)).toEqual([['a'], ['STATUS'], ['b'], ['LAPOR', 'c'], ['STOP']]);
  });

  it('joins at most maxParts messages, and nothing with a window of 0', () => {
    expect(bodies(splitIntoTurns([at(0), at(1), at(2), at(3)], rule))).toEqual([['m0', 'm1', 'm2'], ['m3']]);
    expect(splitIntoTurns([at(0), at(0)], { ...rule, windowMs: 0 })).toHaveLength(2);
  });
});

describe('nextTurn', () => {
  it('waits for the window after the newest part unless a later message closed the turn', () => {
    expect(nextTurn([at(0), at(2)], rule)?.readyAt).toBe(5000);
    expect(nextTurn([at(0), at(2), at(10)], rule)?.readyAt).toBe(Number.NEGATIVE_INFINITY);
    // A keyword cannot be joined to what follows: no reason to wait.
    expect(nextTurn([at(0, 'STATUS')], rule)?.readyAt).toBe(Number.NEGATIVE_INFINITY);
    expect(nextTurn([], rule)).toBeNull();
  });
});

describe('joinParts', () => {
  it('joins the texts in order, one per line, leaving out empty ones', () => {
    expect(joinParts(['sungai keruh ', '', ' di Kukar'])).toBe('sungai keruh\ndi Kukar');
  });
});

describe('joinReplies', () => {
  it('sends replies that fit one segment together as one SMS, others apart', () => {
    expect(joinReplies(['OK.', 'Where is it?'], 'sms')).toEqual(['OK.\nWhere is it?']);
    const long = 'x'.repeat(157);
    expect(joinReplies(['OK.', long], 'sms')).toEqual(['OK.', long]);
    // UCS-2 (an emoji) holds 70 units: these two do not fit together.
    expect(joinReplies(['🙂'.padEnd(40, 'a'), 'b'.repeat(40)], 'sms')).toHaveLength(2);
    expect(joinReplies(['OK.', 'Where is it?'], 'whatsapp')).toHaveLength(2);
  });
});
