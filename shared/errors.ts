/**
 * A failure the domain understands. Carries a code, never an HTTP status:
 * one error mapper at the edge turns codes into statuses.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export type DomainErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  /** It was here and is no longer (an expired download). */
  | 'gone'
  | 'rate_limited'
  | 'invalid_token'
  | 'payload_too_large'
  | 'config_invalid';
