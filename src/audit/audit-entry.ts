/** One staff or system action to record in the audit log (see `appendAudit`). */
export interface AuditEntry {
  /** The signed-in user, or null for `cli`, `system` and citizens. */
  actorUserId: string | null;
  /** Who, readable even if the user is later renamed: e-mail, `cli`, `system` or a citizen pseudonym. */
  actor: string;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  /** Any JSON-serialisable value; stored as jsonb. */
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  /** Defaults to now; kept to the millisecond so it survives the round trip through timestamptz. */
  at?: Date;
}
