import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/user-admin-service.js';
import { staffOf } from './plugins/auth-plugin.js';

/** The signed-in staff member as the audit log records them: id, e-mail and the request's address. */
export function requestActor(request: FastifyRequest): Actor {
  const staff = staffOf(request);
  return { userId: staff.userId, label: staff.email, ip: request.ip };
}
