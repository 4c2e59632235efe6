import { createFunction } from '@dyocense/core';
import { registerAuditList } from './routes/audit-list';
import { registerInvitationsAccept } from './routes/invitations-accept';
import { registerLogin } from './routes/login';
import { registerLogout } from './routes/logout';
import { registerMembersInvite } from './routes/members-invite';
import { registerMembersList } from './routes/members-list';
import { registerMembersRemove } from './routes/members-remove';
import { registerMembersRole } from './routes/members-role';
import { registerOAuthCallback } from './routes/oauth-callback';
import { registerOAuthStart } from './routes/oauth-start';
import { registerSession } from './routes/session';
import { registerSignup } from './routes/signup';
import { registerTokensCreate } from './routes/tokens-create';
import { registerTokensList } from './routes/tokens-list';
import { registerTokensRevoke } from './routes/tokens-revoke';

/** Sign-up, sign-in, sessions, members and roles, API tokens, OAuth login: /api/auth/… */
const app = createFunction('auth');
registerSignup(app);
registerLogin(app);
registerLogout(app);
registerSession(app);
registerMembersList(app);
registerMembersInvite(app);
registerInvitationsAccept(app);
registerMembersRole(app);
registerMembersRemove(app);
registerTokensList(app);
registerTokensCreate(app);
registerTokensRevoke(app);
registerAuditList(app);
registerOAuthStart(app);
registerOAuthCallback(app);

export default app;
