/** Bad input to an evidence engine: the caller can map it to HTTP 400 with `field` as the field error. */
export class EvidenceInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'EvidenceInputError';
    this.field = field;
  }
}
