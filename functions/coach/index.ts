import { createFunction } from '@dyocense/core';
import { registerAsk } from './routes/ask';
import { registerSession } from './routes/session';
import { registerSessions } from './routes/sessions';

/**
 * The coach: questions in plain words, answers with the engines' numbers, each cited, streamed
 * as Server-Sent Events: /api/coach/…
 */
const app = createFunction('coach');
registerAsk(app);
registerSessions(app);
registerSession(app);

export default app;
