/**
 * Words of English in text shown to a Chinese reader: every word with a lower-case letter, once
 * ids, registrations, codes and units are taken out (FP-12, UAS-CQ-000123, B-500109, ABOVE_120M_CONTROLLED,
 * H3, km, m, UTC+8) and the name of the other language (English). Used by the browser tests on the zh interface.
 */
const ALLOWED: RegExp[] = [
  /\b[A-Z][A-Z0-9]*(?:[-_][A-Za-z0-9]+)+\b/g, // ids, registrations and codes: FP-12, UAS-CQ-000123, LP-500109-HUB, ZONE-ZUCK, ABOVE_120M_CONTROLLED
  /\b[A-Z0-9]{2,}\b/g, // all-capital ids and codes: ACME, H3, UTC
  /\b(?:km|m|kg|s|h)\b/g, // units
  /\b[0-9a-f]{15}\b/g, // an H3 cell id where one is named on purpose (titles)
  /\bEnglish\b/g, // the other language, offered by its own name
];

export function englishWords(text: string): string[] {
  let t = text;
  for (const re of ALLOWED) t = t.replace(re, ' ');
  return [...new Set(t.match(/\b[A-Za-z]*[a-z][A-Za-z]*\b/g) ?? [])].filter((w) => w.length >= 2);
}
