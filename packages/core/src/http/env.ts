import type { AuthContext } from '../auth/context';
import type { Logger } from '../log';
import type { Runtime } from '../runtime';

/** The Hono environment every function shares. */
export interface AppEnv {
  Variables: {
    runtime: Runtime;
    requestId: string;
    traceId: string;
    log: Logger;
    auth?: AuthContext;
  };
}
