// Calendar arithmetic on plain YYYY-MM-DD strings, as whole UTC day numbers, so a goal's
// dates never shift with the server's time zone.

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid YYYY-MM-DD string, otherwise null (rejects 2026-02-30). */
export function parseDay(text: string | undefined): number | null {
  if (text === undefined) return null;
  const match = ISO_DAY.exec(text);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / DAY_MS;
  return formatDay(day) === text ? day : null;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC calendar day that `now` falls on. */
export function dayOf(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS);
}

/** Days from start to end counting both ends: 1 Jan to 31 Jan is 31 days. */
export function inclusiveDays(start: number, end: number): number {
  return end - start + 1;
}
