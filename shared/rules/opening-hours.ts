/** Opening hours of a landing point: daily, Beijing time (UTC+8); `to` before `from` spans midnight. */
import { BEIJING_OFFSET_MS } from '../util/beijing-time.js';

export interface OpeningHours {
  from: string;
  to: string;
}

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since Beijing midnight of a moment. */
export const beijingMinute = (ms: number): number => Math.floor(((((ms + BEIJING_OFFSET_MS) % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);

/** Whether the point is open at `ms` (from inclusive, to exclusive; from = to means all day). */
export function isOpenAt(h: OpeningHours | undefined, ms: number): boolean {
  if (!h) return true;
  const from = minuteOf(h.from);
  const to = minuteOf(h.to);
  if (from === to) return true;
  const m = beijingMinute(ms);
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** HH:MM, Beijing time, of a moment. */
export const beijingHhmm = (ms: number): string => {
  const m = beijingMinute(ms);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};
