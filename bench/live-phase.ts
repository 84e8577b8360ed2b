/** What the live benchmark server measures of one pipeline (in-thread or worker), sent to the benchmark. */
export interface PhaseResult {
  /** positions due → batch handed to the stream */
  handedMs: number[];
  /** the same plus the fan-out to every client */
  tickMs: number[];
  /** synchronous main-thread work per tick (what keeps the API waiting) */
  mainMs: number[];
  fanoutMs: number[];
  /** observation and ingest; waiting for the monitor's events; persisting alerts (and UOM positions) */
  ingestMs: number[];
  waitMs: number[];
  persistMs: number[];
  uomOnMs: number[];
  uomOffMs: number[];
  warmupMs: number[];
  messages: number;
  bytes: number;
  heapMB: number;
  heapGrowthMB: number;
  openAlerts: number;
  tracks: number;
  sizes: number[][];
}
