/** Thrown for input the engine cannot forecast; `field` names the offending option so callers can map it to a 400. */
export class ForecastInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ForecastInputError';
    this.field = field;
  }
}
