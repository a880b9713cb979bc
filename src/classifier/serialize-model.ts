import type { ModelFile } from './model-schema.js';

/**
 * JSON with one feature per line, in sorted order: a retrained model shows up in review as a readable
 * diff of the weights that moved.
 */
export function serializeModel(model: ModelFile): string {
  const { weights, ...header } = model;
  const rows = Object.keys(weights)
    .sort()
    .map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(weights[name])}`);
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  return `${head},\n  "weights": {\n${rows.join(',\n')}\n  }\n}\n`;
}
