import type { ByIdResult } from '../auth/user-admin-by-id.js';
import { AppError } from './app-error.js';

const CODES = { 400: 'bad_request', 404: 'not_found', 409: 'conflict' } as const;

/** The value of a user-admin change, or its failure thrown as the one error shape. */
export function unwrapAdminResult<T>(result: ByIdResult<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.status, CODES[result.status], result.error);
}
