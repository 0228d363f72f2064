/** Typed errors the UI can show. Every message is a complete sentence for the user. */

export type HistoryErrorCode = 'quota' | 'invalid-import' | 'unsupported-version' | 'too-large' | 'failed';

export class HistoryError extends Error {
  readonly code: HistoryErrorCode;
  constructor(code: HistoryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HistoryError';
    this.code = code;
  }
}

/** Browser storage is full. The write was rolled back; what was stored before is intact. */
export class HistoryQuotaError extends HistoryError {
  constructor(cause?: unknown) {
    super(
      'quota',
      'Browser storage is full (quota exceeded), so this was not saved. Nothing stored earlier was changed. ' +
        'Shorten the history retention or clear old history to make room.',
      { cause },
    );
    this.name = 'HistoryQuotaError';
  }
}

/** An import file was refused. `path` points at the offending field (e.g. `inspections[3].links[0].url`). */
export class HistoryImportError extends HistoryError {
  readonly path: string | null;
  /** What is wrong, without the sentence around it. */
  readonly reason: string;
  constructor(message: string, path: string | null = null, code: HistoryErrorCode = 'invalid-import') {
    super(code, path ? `Import refused: ${path}: ${message}. Nothing was changed.` : `Import refused: ${message}. Nothing was changed.`);
    this.name = 'HistoryImportError';
    this.path = path;
    this.reason = path ? `${path}: ${message}` : message;
  }
}

export function isQuotaError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
  if (err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  // Legacy DOMException code for quota errors.
  if (err.code === 22 && err.name !== 'HistoryError') return true;
  return err.cause !== undefined && err.cause !== e && isQuotaError(err.cause);
}

/** Maps anything thrown by IndexedDB to a HistoryError (quota → HistoryQuotaError). */
export function toHistoryError(e: unknown): HistoryError {
  if (e instanceof HistoryError) return e;
  if (isQuotaError(e)) return new HistoryQuotaError(e);
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new HistoryError('failed', `The history could not be updated (${detail}). Nothing was changed.`, { cause: e });
}
