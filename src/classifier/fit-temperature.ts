import { softmax } from './train-softmax.js';

/**
 * Temperature scaling: the one divisor of the logits that minimises log-loss on predictions the model
 * made for examples it was not trained on. Afterwards "confidence 0.8" means right about 8 times in 10,
 * which is what the flow's confidence_threshold assumes.
 */
export function fitTemperature(logits: number[][], labels: number[]): number {
  if (logits.length === 0) return 1;
  let best = { temperature: 1, loss: Number.POSITIVE_INFINITY };
  for (let temperature = 0.2; temperature <= 8.0001; temperature += 0.05) {
    let loss = 0;
    for (const [i, row] of logits.entries()) {
      const probabilities = softmax(row.map((logit) => logit / temperature));
      loss -= Math.log(Math.max(probabilities[labels[i] ?? 0] ?? 0, 1e-12));
    }
    if (loss < best.loss) best = { temperature: Math.round(temperature * 100) / 100, loss };
  }
  return best.temperature;
}
