/** Beijing time (UTC+8, no daylight saving) for <input type="datetime-local"> values. */
import { BEIJING_OFFSET_MS as OFFSET_MS } from '../../shared/util/beijing-time.js';

/** "YYYY-MM-DDTHH:MM" in Beijing time. */
export const toLocalInput = (ms: number): string => new Date(ms + OFFSET_MS).toISOString().slice(0, 16);

/** Milliseconds since the epoch of a Beijing-time "YYYY-MM-DDTHH:MM". */
export const fromLocalInput = (s: string): number => Date.parse(`${s}:00Z`) - OFFSET_MS;
