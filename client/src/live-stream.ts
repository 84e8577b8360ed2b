/** The WebSocket stream from the browser: subscribe to the visible box, keep the latest track per aircraft, reconnect. */
import type { StreamChannel, StreamTrack } from '../../shared/schemas/stream.js';

export interface StreamHandlers {
  onTracks(tracks: StreamTrack[], t: string): void;
  onAlert?(action: 'raise' | 'clear', alert: Record<string, unknown>): void;
  onPlan?(event: { event: string; planId: string; state: string }): void;
  onStatus?(status: 'connecting' | 'open' | 'closed'): void;
}

export class LiveStream {
  private ws: WebSocket | null = null;
  private bbox: [number, number, number, number] = [105, 28, 111, 33];
  private closed = false;
  private retryMs = 1000;
  constructor(private readonly token: string, private readonly handlers: StreamHandlers, private readonly channels: StreamChannel[] = ['tracks', 'alerts', 'plans']) {
    this.open();
  }
  private open(): void {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    this.handlers.onStatus?.('connecting');
    const ws = new WebSocket(`${proto}://${location.host}/api/v1/stream?token=${encodeURIComponent(this.token)}`);
    this.ws = ws;
    ws.onopen = () => { this.retryMs = 1000; this.handlers.onStatus?.('open'); this.sendSubscribe(); };
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      if (m.type === 'tracks') this.handlers.onTracks(m.tracks, m.t);
      else if (m.type === 'alert') this.handlers.onAlert?.(m.action, m.alert);
      else if (m.type === 'plan') this.handlers.onPlan?.(m);
    };
    ws.onclose = () => {
      this.handlers.onStatus?.('closed');
      if (!this.closed) setTimeout(() => this.open(), this.retryMs = Math.min(this.retryMs * 2, 15_000));
    };
  }
  private sendSubscribe(): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ v: 1, type: 'subscribe', bbox: this.bbox, channels: this.channels }));
  }
  subscribe(bbox: [number, number, number, number]): void {
    this.bbox = bbox.map((x, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, x))) as [number, number, number, number];
    this.sendSubscribe();
  }
  close(): void { this.closed = true; this.ws?.close(); }
}
