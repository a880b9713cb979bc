import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { projectPath } from '../../src/project-path.js';

const TSX = projectPath('node_modules', '.bin', 'tsx');
const MAIN = projectPath('src', 'main.ts');

/** Starts the real `suara` CLI from the sources with only PATH and the given environment. */
export function spawnCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(TSX, [MAIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
}

/** Runs the CLI to its end and returns its exit code and everything it printed. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, env);
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on('data', (chunk) => stdout.push(String(chunk)));
  child.stderr.on('data', (chunk) => stderr.push(String(chunk)));
  // 'close', not 'exit': the output streams may still hold data when the process exits.
  const [code] = await once(child, 'close');
  return { code: typeof code === 'number' ? code : null, stdout: stdout.join(''), stderr: stderr.join('') };
}
