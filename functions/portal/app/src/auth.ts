import { ApiError, apiRequest } from './api';

export interface Session {
  user: { id: string; email: string; name: string };
  tenant: { id: string; name: string };
  role: string;
}

export interface SignupInput {
  name: string;
  businessName: string;
  email: string;
  password: string;
}

export interface LoginInput {
  email: string;
  password: string;
}

/** The current session, or null when the visitor is not signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    return await apiRequest<Session>('GET', '/api/auth/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const signup = (input: SignupInput) => apiRequest<Session>('POST', '/api/auth/signup', input);

export const login = (input: LoginInput) => apiRequest<Session>('POST', '/api/auth/login', input);

export async function logout(): Promise<void> {
  try {
    await apiRequest<void>('POST', '/api/auth/logout');
  } catch (error) {
    // An expired session is already logged out; anything else is worth surfacing.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
}
