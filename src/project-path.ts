import { fileURLToPath } from 'node:url';

// This file sits one level below the project root both as src/project-path.ts and dist/project-path.js.
const root = new URL('../', import.meta.url);

/** Absolute path of a file shipped with the project (migrations, flows, models). */
export function projectPath(...segments: string[]): string {
  return fileURLToPath(new URL(segments.join('/'), root));
}
