import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectPath } from '../../../src/project-path.js';

const composeSchema = z.object({
  services: z.record(z.string(), z.looseObject({ restart: z.string().optional() })),
});

describe('docker-compose.yml', () => {
  it('restarts every long-running service after a crash or a host reboot', () => {
    const compose = composeSchema.parse(parse(readFileSync(projectPath('docker-compose.yml'), 'utf8')));
    const services = Object.entries(compose.services);
    expect(services.map(([name]) => name).sort()).toEqual(['postgres', 'redis', 'suara']);
    for (const [name, service] of services) {
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
    }
  });
});
