import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { projectPath } from '../../../project-path.js';

const ASSETS: Record<string, { type: string; body: string }> = {
  'triage.css': {
    type: 'text/css; charset=utf-8',
    body: readFileSync(projectPath('src/ui/assets/triage.css'), 'utf8'),
  },
  'triage.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(projectPath('src/ui/assets/triage.js'), 'utf8'),
  },
  'whatsapp-web-link.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(projectPath('src/ui/assets/whatsapp-web-link.js'), 'utf8'),
  },
};

/** The workspace's one stylesheet and one small script, served by the app itself (no CDN, no inline code). */
export async function triageAssets(app: FastifyInstance): Promise<void> {
  app.get('/triage/assets/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return reply.status(404).send({ error: 'not_found', message: 'No such asset.' });
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });
}
