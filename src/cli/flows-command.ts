import type { Classify } from '../classifier/classification.js';
import { loadClassifier } from '../classifier/load-classifier.js';
import { formatFlowError } from '../conversation/flows/flow-error.js';
import { lintFlows } from '../conversation/flows/lint-flows.js';
import { loadFlows } from '../conversation/flows/load-flows.js';
import { createInMemoryGateway } from '../conversation/simulator/in-memory-gateway.js';
import { simulateChat } from '../conversation/simulator/simulate-chat.js';
import { loadGazetteer } from '../geo/load-gazetteer.js';
import type { ResolveLocation } from '../geo/location-resolution.js';
import { projectPath } from '../project-path.js';
import { generateReferenceCode } from '../reports/reference-code.js';
import type { Command } from './command.js';

const USAGE = `Usage:
  suara flows lint [dir]
      Validate the conversation flows (default dir: flows/): schema, step references, unreachable
      steps, translations, template variables, SMS segments and characters that force UCS-2.
      Exit code 1 when there are errors; warnings alone exit 0.
  suara flows simulate [--lang id|en] [--channel sms|whatsapp] [--dir <dir>]
      Chat with the real engine in memory, as a citizen; each reply shows its SMS segment count.
      Reads piped stdin too, one message per line:  printf 'halo\\n' | suara flows simulate`;

/** `suara flows lint|simulate`: the tools flow authors use before a change goes live. */
export const flowsCommand: Command = {
  name: 'flows',
  summary: 'lint the conversation flows, or chat with them in a terminal simulator',
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'lint') return lint(rest[0] ?? projectPath('flows'));
    if (sub === 'simulate') return simulate(rest);
    console.error(USAGE);
    return 1;
  },
};

async function lint(dir: string): Promise<number> {
  const report = await lintFlows(dir);
  for (const e of report.errors) console.log(`error   ${formatFlowError(e)}`);
  for (const w of report.warnings) console.log(`warning ${formatFlowError(w)}`);
  for (const survey of report.surveys ?? []) {
    const { byKeyword, invited } = survey;
    console.log(
      `survey  ${survey.file}: ${survey.questions} questions; a respondent sends ${byKeyword.sent} SMS and receives ` +
        `${byKeyword.received} when starting by keyword, sends ${invited.sent} and receives ${invited.received} when invited`,
    );
  }
  console.log(`${report.errors.length} error(s), ${report.warnings.length} warning(s) in ${dir}`);
  return report.errors.length > 0 ? 1 : 0;
}

async function simulate(args: string[]): Promise<number> {
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const lang = option('lang');
  const channel = option('channel') ?? 'sms';
  if (
    (lang !== undefined && lang !== 'id' && lang !== 'en') ||
    (channel !== 'sms' && channel !== 'whatsapp')
  ) {
    console.error(USAGE);
    return 1;
  }
  const dir = option('dir') ?? projectPath('flows');
  const loaded = await loadFlows(dir);
  if (!loaded.ok) {
    for (const e of loaded.errors) console.error(`error   ${formatFlowError(e)}`);
    return 1;
  }
  const gateway = createInMemoryGateway({
    flows: loaded.flows,
    ...(await classifierOrFallback()),
    ...(await gazetteerOrFallback()),
    nextReferenceCode: () => generateReferenceCode(),
  });
  await simulateChat({
    gateway,
    channel,
    ...(lang ? { language: lang } : {}),
    input: process.stdin,
    output: process.stdout,
  });
  return 0;
}

// The simulator must stay usable while the classifier model or gazetteer is missing: it says so, and
// every complaint then goes to the category menu / the location question.
async function classifierOrFallback(): Promise<{ classify: Classify }> {
  try {
    const loaded = await loadClassifier();
    for (const w of loaded.warnings) console.log(`(classifier: ${w})`);
    return { classify: loaded.classify };
  } catch (error) {
    console.log(`(classifier not available: ${firstLine(error)}; every complaint goes to the category menu)`);
    return {
      classify: () => ({
        category: 'other',
        confidence: 0,
        scores: { licensing: 0, environmental: 0, revenue: 0, other: 0 },
        evidence: [],
      }),
    };
  }
}

async function gazetteerOrFallback(): Promise<{
  resolveLocation: ResolveLocation;
  resolveLocationReply: ResolveLocation;
}> {
  try {
    const gazetteer = await loadGazetteer();
    return {
      resolveLocation: gazetteer.resolveLocation,
      resolveLocationReply: gazetteer.resolveLocationReply,
    };
  } catch (error) {
    console.log(`(gazetteer not available: ${firstLine(error)}; no place will be recognised)`);
    return { resolveLocation: () => ({}), resolveLocationReply: () => ({}) };
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
