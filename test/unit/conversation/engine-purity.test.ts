import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../../src/project-path.js';

// The engine must stay pure (no I/O, no clock) so it runs the same in workers, tests and the simulator.
// Tools around it (loading files, the terminal chat) are the only exceptions.
const TOOLS = new Set(['load-flows.ts', 'lint-flows.ts', 'simulate-chat.ts']);
const FORBIDDEN = [
  /from 'node:fs/,
  /from 'fastify/,
  /from 'bullmq/,
  /from 'ioredis/,
  /from 'drizzle-orm/,
  /from 'pg'/,
];
const CLOCK = [/Date\.now\(/, /new Date\(\)/, /performance\.now\(/, /Math\.random\(/];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !TOOLS.has(entry.name) ? [path] : [];
  });
}

describe('conversation engine purity', () => {
  const root = projectPath('src/conversation');
  it.each(sources(root).map((path) => [relative(root, path), path]))(
    '%s has no I/O, transport or clock',
    (_name, path) => {
      const text = readFileSync(path, 'utf8');
      for (const pattern of [...FORBIDDEN, ...CLOCK]) expect(text).not.toMatch(pattern);
    },
  );
});
