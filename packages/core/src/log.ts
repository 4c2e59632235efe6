export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** One JSON object per line on stdout: what log shippers and `wrangler tail` both read. */
class JsonLogger implements Logger {
  readonly #threshold: number;
  readonly #level: LogLevel;
  readonly #base: Record<string, unknown>;

  constructor(level: LogLevel, base: Record<string, unknown>) {
    this.#level = level;
    this.#threshold = order[level];
    this.#base = base;
  }

  #write(level: LogLevel, msg: string, fields?: Record<string, unknown>) {
    if (order[level] < this.#threshold) return;
    console.log(JSON.stringify({ level, time: new Date().toISOString(), msg, ...this.#base, ...fields }));
  }

  debug(msg: string, fields?: Record<string, unknown>) {
    this.#write('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>) {
    this.#write('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>) {
    this.#write('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>) {
    this.#write('error', msg, fields);
  }
  /** Cheap enough to make per request: one object, no closures. */
  child(fields: Record<string, unknown>): Logger {
    return new JsonLogger(this.#level, { ...this.#base, ...fields });
  }
}

export function createLogger(level: LogLevel = 'info', base: Record<string, unknown> = {}): Logger {
  return new JsonLogger(level, base);
}
