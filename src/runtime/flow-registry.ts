import { type FSWatcher, watch } from 'node:fs';
import { type FlowError, formatFlowError } from '../conversation/flows/flow-error.js';
import type { FlowSet } from '../conversation/flows/flow-set.js';
import { loadFlows } from '../conversation/flows/load-flows.js';
import { describeError } from '../describe-error.js';
import type { Logger } from '../logger.js';

export interface FlowRegistry {
  current(): FlowSet;
  close(): void;
}

export class FlowLoadError extends Error {
  constructor(
    dir: string,
    readonly errors: FlowError[],
  ) {
    super(
      `Flows in ${dir} are invalid:\n${errors.map((e) => `  ${formatFlowError(e)}`).join('\n')}\nRun \`suara flows lint\` for details.`,
    );
    this.name = 'FlowLoadError';
  }
}

/**
 * Loads the flows once (failing start-up if they are invalid) and, with `watch`, reloads them when a
 * file changes. An invalid edit keeps the previous flows running and logs why it was refused.
 */
export async function createFlowRegistry(
  dir: string,
  logger: Logger,
  hotReload: boolean,
): Promise<FlowRegistry> {
  const first = await loadFlows(dir);
  if (!first.ok) throw new FlowLoadError(dir, first.errors);
  let flows = first.flows;
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | undefined;

  const reload = async () => {
    const next = await loadFlows(dir);
    if (next.ok) {
      flows = next.flows;
      logger.info({ flows: Object.keys(next.flows.flows) }, 'flows reloaded');
    } else {
      logger.error(
        { errors: next.errors.map(formatFlowError) },
        'flow edit refused: keeping the previous flows',
      );
    }
  };

  if (hotReload) {
    // Recursive: survey flows live in `surveys/` below the flows folder.
    watcher = watch(dir, { recursive: true }, () => {
      // Editors write files in several steps; wait for the burst to end.
      clearTimeout(timer);
      timer = setTimeout(() => {
        reload().catch((error: unknown) =>
          logger.error({ err: describeError(error) }, 'flow reload failed: keeping the previous flows'),
        );
      }, 150);
    });
    watcher.on('error', (error) => logger.warn({ err: error.message }, 'flow watcher stopped'));
  }

  return {
    current: () => flows,
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
