/** A monitor's raised event as the alert it stores: severity by kind, the station that owns it. */
import type { AlertEvent } from '../../shared/monitor/conformance-monitor.js';
import type { Alert } from '../../shared/schemas/track.js';
import type { StoredAlert } from '../store/alert-repo.js';

export const SEVERITY: Record<AlertEvent['kind'], Alert['severity']> = {
  'loss-of-separation': 'critical',
  'zone-incursion': 'critical',
  'off-plan-lateral': 'warning',
  'off-plan-vertical': 'warning',
  'off-plan-time': 'warning',
  'unidentified-aircraft': 'warning',
  'lost-link': 'warning',
  yield: 'critical',
};

export function alertRecord(e: AlertEvent, id: string, stationId: string): StoredAlert {
  return {
    id,
    kind: e.kind,
    severity: SEVERITY[e.kind],
    stationId,
    lng: e.lng,
    lat: e.lat,
    altitudeM: e.altitudeM,
    message: e.message,
    raisedAt: new Date(e.tMs).toISOString(),
    ...(e.trackId ? { trackId: e.trackId } : {}),
    ...(e.planId ? { planId: e.planId } : {}),
    ...(e.otherTrackId ? { otherTrackId: e.otherTrackId } : {}),
    ...(e.zoneId ? { zoneId: e.zoneId } : {}),
  };
}
