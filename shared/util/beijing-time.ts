/** Beijing time (UTC+8, no daylight saving), the local time of schedules, demand profiles and forms. */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The local (UTC+8) clock hour, 0–23, of a moment. */
export const beijingHour = (ms: number): number => Math.floor((ms + BEIJING_OFFSET_MS) / 3_600_000) % 24;

/** The local (UTC+8) calendar month of a moment, YYYY-MM (statements and settlements are monthly in Beijing time). */
export const beijingMonth = (ms: number): string => new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 7);
