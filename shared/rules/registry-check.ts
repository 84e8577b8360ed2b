/**
 * Who may fly (暂行条例, 2024): before a station approves, the aircraft must be registered by real
 * name to the filing company (第十条), match the category it was registered in, be flown by a
 * pilot licensed for its category — and for flying beyond visual line of sight — for the whole
 * flight (第十六条), and be covered by third-party liability insurance for the whole flight when
 * the flight is commercial or the aircraft is small, medium or large (第十二条); the company must
 * not be suspended. Thresholds are Yukong's own, configurable in `RegistryRules`.
 * Pure: the registry comes in as a view, the flight as a request.
 */
import { haversineM } from '../geo/earth.js';
import type { Category, Mission } from '../domain/categories.js';
import type { Reason, ReasonParams } from '../schemas/decision.js';
import type { Aircraft, Company, Licence } from '../schemas/registry.js';

export interface RegistryRules {
  /** beyond this distance from the take-off point a flight is beyond visual line of sight */
  bvlosBeyondM: number;
  /** categories whose pilots need a licence */
  licensedCategories: readonly Category[];
  /** categories that need insurance whatever the mission */
  insuredCategories: readonly Category[];
  /** missions that are commercial flying (经营性飞行), which always needs insurance */
  commercialMissions: readonly Mission[];
  /** categories exempt from the BVLOS licence rule */
  bvlosExempt: readonly Category[];
}

export const DEFAULT_REGISTRY_RULES: RegistryRules = {
  bvlosBeyondM: 500,
  licensedCategories: ['small', 'medium', 'large'],
  insuredCategories: ['small', 'medium', 'large'],
  commercialMissions: ['logistics', 'inspection', 'survey', 'agriculture', 'sightseeing', 'uam'],
  bvlosExempt: ['micro'],
};

export interface RegistryView {
  company(id: string): Company | undefined;
  aircraft(registration: string): Aircraft | undefined;
  /** the filing pilot's licence; undefined when none is on file */
  licence(pilotId: string): Licence | undefined;
  /** whether a policy of the company covers the aircraft (or its whole fleet) for all of [fromMs, toMs] */
  insured(companyId: string, registration: string, fromMs: number, toMs: number): boolean;
}

export interface FilingRequest {
  pilotId: string;
  companyId: string | undefined;
  registration: string;
  category: Category;
  mission: Mission;
  startMs: number;
  endMs: number;
  /** where the aircraft takes off */
  takeoff: readonly [number, number];
  /**
   * where it may go: each footprint's bounding box [west, south, east, north] (the prepared
   * volumes themselves will do); the boxes' corners are the farthest points it may reach
   */
  reach: readonly { readonly bbox: readonly number[] }[];
}

/** End of a licence's last day, Beijing time (UTC+8). */
export const licenceEndMs = (expires: string) => Date.parse(`${expires}T23:59:59.999+08:00`);

/** Whether some corner of the reach lies farther than `limitM` from the take-off point. */
export function reachesBeyondM(req: Pick<FilingRequest, 'takeoff' | 'reach'>, limitM: number): boolean {
  const [lng, lat] = req.takeoff;
  for (const { bbox: b } of req.reach) {
    if (haversineM(lng, lat, b[0], b[1]) > limitM || haversineM(lng, lat, b[2], b[1]) > limitM || haversineM(lng, lat, b[2], b[3]) > limitM || haversineM(lng, lat, b[0], b[3]) > limitM) return true;
  }
  return false;
}

function rejecting(out: Reason[], code: Reason['code'], message: string, ref: string | undefined, params: ReasonParams): void {
  out.push(ref ? { code, effect: 'reject', message, ref, params } : { code, effect: 'reject', message, params });
}

/** The registry's findings about a filing, as reasons that reject (none means the filer may fly). */
export function checkRegistry(view: RegistryView, req: FilingRequest, rules: RegistryRules = DEFAULT_REGISTRY_RULES): Reason[] {
  const out: Reason[] = [];
  const company = req.companyId ? view.company(req.companyId) : undefined;
  if (!company) {
    rejecting(out, 'COMPANY_NOT_REGISTERED', `the filing company ${req.companyId ?? '(none)'} is not in the registry: a company registers by its unified social credit code first`, req.companyId, {
      company: req.companyId ?? '',
    });
    return out;
  }
  if (company.suspended) rejecting(out, 'COMPANY_SUSPENDED', `${company.name} is suspended: it may not file flights until the suspension is lifted`, company.id, { company: company.name });
  const aircraft = view.aircraft(req.registration);
  if (!aircraft)
    rejecting(out, 'AIRCRAFT_NOT_REGISTERED', `aircraft ${req.registration} is not registered by real name; register it before filing`, req.registration, { registration: req.registration });
  else {
    if (aircraft.companyId !== company.id)
      rejecting(out, 'AIRCRAFT_NOT_OWNED', `aircraft ${req.registration} is registered to another company, not ${company.name}`, req.registration, {
        registration: req.registration,
        company: company.name,
      });
    if (aircraft.category !== req.category)
      rejecting(out, 'CATEGORY_MISMATCH', `aircraft ${req.registration} is registered as ${aircraft.category}, not ${req.category}`, req.registration, {
        registration: req.registration,
        registered: aircraft.category,
        category: req.category,
      });
  }
  const category = aircraft?.category ?? req.category;
  const bvlos = !rules.bvlosExempt.includes(category) && reachesBeyondM(req, rules.bvlosBeyondM);
  const needsLicence = rules.licensedCategories.includes(category) || bvlos;
  if (needsLicence) {
    const licence = view.licence(req.pilotId);
    if (!licence)
      rejecting(out, 'PILOT_NOT_LICENSED', `a ${category} flight${bvlos ? ' beyond visual line of sight' : ''} needs a licensed pilot; no licence is on file for you`, req.pilotId, {
        category,
        ...(bvlos ? { beyondM: rules.bvlosBeyondM } : {}),
      });
    else {
      if (!licence.categories.includes(category))
        rejecting(out, 'PILOT_NOT_LICENSED', `your licence ${licence.number} covers ${licence.categories.join(', ')}, not ${category} aircraft`, licence.number, {
          licence: licence.number,
          licensed: licence.categories.join(','),
          category,
        });
      if (bvlos && licence.class !== 'BVLOS') {
        rejecting(
          out,
          'PILOT_NOT_LICENSED',
          `the flight goes more than ${rules.bvlosBeyondM} m from take-off (beyond visual line of sight); your licence ${licence.number} is VLOS only`,
          licence.number,
          {
            licence: licence.number,
            beyondM: rules.bvlosBeyondM,
          },
        );
      }
      if (licenceEndMs(licence.expires) < req.endMs)
        rejecting(out, 'LICENCE_EXPIRED', `your licence ${licence.number} expires on ${licence.expires}, before the flight ends`, licence.number, {
          licence: licence.number,
          expires: licence.expires,
        });
    }
  }
  const needsInsurance = rules.commercialMissions.includes(req.mission) || rules.insuredCategories.includes(category);
  if (needsInsurance && !view.insured(company.id, req.registration, req.startMs, req.endMs)) {
    rejecting(out, 'INSURANCE_MISSING', `no third-party liability policy of ${company.name} covers ${req.registration} for the whole flight`, req.registration, {
      company: company.name,
      registration: req.registration,
    });
  }
  return out;
}
