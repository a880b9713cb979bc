/** A knowledge or model file that cannot be used; `issues` name the file, the path inside it and a hint. */
export class ClassifierLoadError extends Error {
  constructor(readonly issues: string[]) {
    super(`classifier files are not usable:\n  ${issues.join('\n  ')}`);
    this.name = 'ClassifierLoadError';
  }
}
