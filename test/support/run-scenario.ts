import type { ReportDraft } from '../../src/conversation/engine/effects.js';
import type {
  DriverTurn,
  ScenarioDriver,
  ScenarioMessage,
} from '../../src/conversation/simulator/scenario-driver.js';
import { countSegments } from '../../src/sms/count-segments.js';
import type { ReportExpectation, Scenario, ScenarioStep } from './scenario.js';

export interface ScenarioOutcome {
  failures: string[];
  /** For each report created: how many messages the citizen sent in that conversation. */
  messagesToCode: number[];
  /** Segments of the longest SMS reply. */
  maxSmsSegments: number;
  transcript: string[];
}

// Citizens do not answer in the same second; a minute apart keeps timestamps distinct.
const MINUTES_BETWEEN_MESSAGES = 1;

export async function runScenario(scenario: Scenario, driver: ScenarioDriver): Promise<ScenarioOutcome> {
  const outcome: ScenarioOutcome = { failures: [], messagesToCode: [], maxSmsSegments: 0, transcript: [] };
  const refs = new Map<string, string>();
  // Each report as the scenario knows it: created by one message, perhaps corrected by a later one.
  const reports = new Map<string, ReportDraft>();
  const greeted = new Set<string>();
  let citizen = 'citizen';
  let counter = 0;
  let last: { citizen: string; message: ScenarioMessage; turn: DriverTurn } | undefined;

  const deliver = async (
    who: string,
    message: ScenarioMessage,
    quick: { message: ScenarioMessage; secondsAfter: number }[] = [],
    secondsAfter?: number,
  ) => {
    if (scenario.contact_language && !greeted.has(who))
      await driver.setContactLanguage(who, scenario.contact_language);
    greeted.add(who);
    await driver.advance(secondsAfter === undefined ? MINUTES_BETWEEN_MESSAGES : secondsAfter / 60);
    const turn = quick.length
      ? await driver.sendQuick(who, [{ message, secondsAfter: 0 }, ...quick])
      : await driver.send(who, message);
    for (const [i, sent] of [message, ...quick.map((q) => q.message)].entries()) {
      const gap = i === 0 ? '' : ` (+${quick[i - 1]?.secondsAfter}s)`;
      outcome.transcript.push(
        `${who}>${gap} ${sent.text}${sent.media.length ? ` [${sent.media.length} media]` : ''}`,
      );
    }
    for (const text of turn.outbound) {
      const segments = countSegments(text).segments;
      if (message.channel === 'sms') outcome.maxSmsSegments = Math.max(outcome.maxSmsSegments, segments);
      outcome.transcript.push(`suara> ${text} [${segments} seg]`);
    }
    for (const effect of turn.effects) {
      if (effect.type === 'update_report') {
        const report = reports.get(effect.referenceCode);
        if (report)
          reports.set(effect.referenceCode, {
            ...report,
            category: effect.citizenChoice,
            provenance: { ...report.provenance, citizenChoice: effect.citizenChoice },
          });
      }
      if (effect.type !== 'create_report') continue;
      refs.set(who, effect.report.referenceCode);
      reports.set(effect.report.referenceCode, effect.report);
      outcome.messagesToCode.push(effect.report.citizenMessages);
    }
    last = { citizen: who, message, turn };
  };

  const toMessage = (step: Extract<ScenarioStep, { citizen: string }>): ScenarioMessage => {
    counter += 1;
    const text = step.citizen.replace(/\{\{\s*ref(?::([^}\s]+))?\s*\}\}/g, (_m, who?: string) => {
      return refs.get(who ?? citizen) ?? 'NOREF';
    });
    return { text, media: step.media ?? [], channel: step.channel ?? scenario.channel, id: `m${counter}` };
  };
  let consumed = -1;

  for (const [index, step] of scenario.steps.entries()) {
    if (index <= consumed) continue;
    const fail = (why: string) => outcome.failures.push(`step ${index + 1}: ${why}`);
    const replies = last?.turn.outbound.join('\n') ?? '';
    if ('citizen' in step) {
      const message = toMessage(step);
      // Citizen lines right after it with `seconds_after` are quick follow-ups, sent before any reply.
      const quick: { message: ScenarioMessage; secondsAfter: number }[] = [];
      for (let next = scenario.steps[index + 1]; next && 'citizen' in next && next.seconds_after; ) {
        quick.push({ message: toMessage(next), secondsAfter: next.seconds_after });
        consumed = index + quick.length;
        next = scenario.steps[consumed + 1];
      }
      await deliver(citizen, message, quick, step.seconds_after);
    } else if ('duplicate_last' in step) {
      if (!last) fail('nothing to duplicate yet');
      else await deliver(last.citizen, last.message);
    } else if ('as' in step) {
      citizen = step.as;
    } else if ('advance_minutes' in step) {
      await driver.advance(step.advance_minutes);
    } else if (!last) {
      fail('an expectation before any citizen message');
    } else if ('reply_contains' in step) {
      for (const s of list(step.reply_contains)) {
        if (!replies.toLowerCase().includes(s.toLowerCase()))
          fail(`reply lacks "${s}"; got: ${show(replies)}`);
      }
    } else if ('reply_not_contains' in step) {
      for (const s of list(step.reply_not_contains)) {
        if (replies.toLowerCase().includes(s.toLowerCase()))
          fail(`reply contains "${s}"; got: ${show(replies)}`);
      }
    } else if ('reply_matches' in step) {
      if (!new RegExp(step.reply_matches, 'i').test(replies))
        fail(`reply does not match /${step.reply_matches}/; got: ${show(replies)}`);
    } else if ('no_reply' in step) {
      if (last.turn.outbound.length > 0) fail(`expected no reply; got: ${show(replies)}`);
    } else if ('replies' in step) {
      if (last.turn.outbound.length !== step.replies)
        fail(`expected ${step.replies} replies; got ${last.turn.outbound.length}: ${show(replies)}`);
    } else if ('no_report' in step) {
      if (last.turn.effects.some((e) => e.type === 'create_report')) fail('a report was created');
    } else if ('survey' in step) {
      const found = last.turn.effects.flatMap((e) => (e.type === 'survey_response' ? [e.response] : []));
      const response = found.at(-1);
      const want = step.survey;
      if (!response) fail('the last message left no survey answers');
      else {
        if (want.id !== undefined && response.surveyId !== want.id)
          fail(`survey is ${response.surveyId}, expected ${want.id}`);
        if (want.completed !== undefined && response.completed !== want.completed)
          fail(`survey completed is ${response.completed}, expected ${want.completed}`);
        for (const [name, value] of Object.entries(want.answers ?? {})) {
          if (response.answers[name] !== value)
            fail(`survey answer ${name} is ${String(response.answers[name])}, expected ${String(value)}`);
        }
      }
    } else if ('effect' in step) {
      if (!last.turn.effects.some((e) => e.type === step.effect))
        fail(`no ${step.effect} effect; got: ${last.turn.effects.map((e) => e.type).join(', ') || 'none'}`);
    } else if ('report' in step) {
      // The report the last message created, or the one it changed.
      const touched = last.turn.effects.flatMap((e) =>
        e.type === 'create_report'
          ? [e.report.referenceCode]
          : e.type === 'update_report'
            ? [e.referenceCode]
            : [],
      );
      const report = reports.get(touched.at(-1) ?? '');
      if (!report) fail('no report was created or changed');
      else for (const why of compareReport(report, step.report)) fail(why);
    }
  }
  return outcome;
}

function compareReport(report: ReportDraft, want: ReportExpectation): string[] {
  const problems: string[] = [];
  const check = (what: string, actual: unknown, expected: unknown) => {
    if (expected !== undefined && actual !== expected)
      problems.push(`report ${what} is ${String(actual)}, expected ${String(expected)}`);
  };
  check('category', report.category, want.category);
  check('category_source', categorySource(report), want.category_source);
  check('citizen_choice', report.provenance.citizenChoice, want.citizen_choice);
  check('classifier', report.provenance.classifier?.category ?? null, want.classifier);
  check('province', report.location.provinceCode, want.province);
  check('regency', report.location.regencyCode, want.regency);
  check('district', report.location.districtCode, want.district);
  check('village', report.location.villageCode, want.village);
  check('location_text', report.location.rawText, want.location_text);
  check('language', report.language, want.language);
  check('media count', report.media.length, want.media);
  const words = report.texts.join('\n').toLowerCase();
  for (const s of want.text_contains === undefined ? [] : list(want.text_contains)) {
    if (!words.includes(s.toLowerCase())) problems.push(`report texts lack "${s}": ${show(words)}`);
  }
  return problems;
}

/** Who decided the category, as the report repository records it. */
function categorySource(report: ReportDraft): 'classifier' | 'citizen' | 'both' {
  const { classifier, citizenChoice } = report.provenance;
  if (!citizenChoice) return 'classifier';
  return classifier?.category === citizenChoice ? 'both' : 'citizen';
}

function list(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

function show(text: string): string {
  return text === '' ? '(nothing)' : JSON.stringify(text);
}
