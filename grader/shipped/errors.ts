/** The kit's one error class: a code to branch on, and a message that names the file and the fix. */
export class KitError extends Error {
  constructor(readonly code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KitError';
  }
}
