import { fileURLToPath } from 'node:url';

/** drizzle-kit's output folder: generated SQL plus hand-written roles, RLS and functions. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
