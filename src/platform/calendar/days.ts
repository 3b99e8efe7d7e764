/**
 * Calendar days in Asia/Shanghai as integers (days since 1970-01-01 in
 * Shanghai), independent of the server's TZ. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact for every date the
 * platform handles (ADR 0017).
 */
export const DAY_MS = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar day of an instant. */
export function shanghaiDay(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid Date');
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of a real `YYYY-MM-DD` date, or undefined (wrong shape, 2026-02-30, …). */
export function parseDayKey(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / DAY_MS;
  return dayKey(day) === text ? day : undefined;
}

/** The Shanghai year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** 00:00:00.000 Asia/Shanghai of a day. */
export function startOfDay(day: number): Date {
  return new Date(day * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** 23:59:59.999 Asia/Shanghai of a day. */
export function endOfDay(day: number): Date {
  return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/** A Date (any instant in that Shanghai day) or a `YYYY-MM-DD` string → day number; throws RangeError on bad input. */
export function toDay(input: Date | string): number {
  if (input instanceof Date) return shanghaiDay(input);
  const day = parseDayKey(input);
  if (day === undefined) throw new RangeError(`Not a date (YYYY-MM-DD): ${input}`);
  return day;
}
