/**
 * Assigns each example to one of `folds` folds, dealing each label's examples round-robin in file order:
 * every fold gets the same mix of categories, and the split never depends on a random generator.
 */
export function stratifiedFolds(labels: readonly string[], folds: number): number[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const count = seen.get(label) ?? 0;
    seen.set(label, count + 1);
    return count % folds;
  });
}
