/**
 * A problem in `flows/`, as a value: which file, which step, which field, what is wrong and what to
 * do about it. Flow authors are NGO staff editing YAML, not programmers reading stack traces.
 */
export interface FlowError {
  file: string;
  stepId?: string;
  /** Dotted path inside the file or step, e.g. `expect.options.1.label.en`. */
  field?: string;
  message: string;
  hint?: string;
}

/** `lapor.yaml › step "confirm" › prompt.en: missing English translation — hint: …` */
export function formatFlowError(error: FlowError): string {
  const where = [error.file, error.stepId ? `step "${error.stepId}"` : null, error.field || null]
    .filter((part) => part !== null)
    .join(' › ');
  return `${where}: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}`;
}
