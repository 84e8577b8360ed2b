/** The map page as the browser tests drive it: the MapLibre handle the client exposes, and signing in as the built-in admin. */
import type { Page } from 'playwright-core';

export interface MapHandle {
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  getZoom(): number;
  getCenter(): { lng: number; lat: number };
  project(p: [number, number]): { x: number; y: number };
  unproject(p: [number, number]): { lng: number; lat: number };
  queryRenderedFeatures(g?: unknown, o?: { layers: string[] }): { properties: Record<string, unknown> }[];
  querySourceFeatures(source: string): unknown[];
  loaded(): boolean;
  areTilesLoaded(): boolean;
}
export type MapWindow = { __yukongReady?: boolean; __yukongMap: MapHandle };

/** Signs in with the harness's admin token and waits until the map is ready. */
export async function signInAdmin(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.fill('[data-testid=sign-in] input', 'browser-admin');
  await page.click('[data-testid=sign-in] button');
  await page.waitForSelector('[data-testid=me]:has-text("built-in admin")');
  await page.waitForFunction(() => (window as unknown as MapWindow).__yukongReady === true);
}
