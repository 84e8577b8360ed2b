/**
 * The Chongqing scenario's registry (illustrative, not real companies): logistics, power-line
 * inspection, sightseeing, surveying, agriculture and emergency-service firms with fleets, pilots
 * and insurance. A few records lapse on purpose — an expired policy on one aircraft, an expired
 * licence, a VLOS-only pilot — so the simulation now and then files what the registry must catch.
 * Deterministic: the same document every time.
 */
import type { Category } from '../shared/domain/categories.js';
import { withUsccCheck } from '../shared/registry/uscc.js';
import type { Credential, RegistryDocument } from '../shared/schemas/registry.js';

interface Firm {
  id: string;
  name: string;
  kind: string;
  credentials: Credential[];
  models: [string, Category, number][];
  fleet: number;
  pilots: number;
}

const FIRMS: Firm[] = [
  {
    id: 'CQ-LOGI',
    name: '渝快低空物流（示例）有限公司',
    kind: 'logistics',
    credentials: ['commercial'],
    models: [
      ['FC-100 物流多旋翼', 'small', 24],
      ['L5 轻型配送机', 'light', 6.5],
    ],
    fleet: 10,
    pilots: 5,
  },
  {
    id: 'CQ-GRID',
    name: '渝电智巡（示例）科技有限公司',
    kind: 'inspection',
    credentials: ['commercial', 'public-service'],
    models: [
      ['M350 巡检机', 'small', 9.2],
      ['M3E 测图机', 'light', 1.05],
    ],
    fleet: 8,
    pilots: 4,
  },
  {
    id: 'CQ-TOUR',
    name: '山城飞览（示例）文旅有限公司',
    kind: 'sightseeing',
    credentials: ['commercial'],
    models: [
      ['A3 航拍机', 'light', 0.9],
      ['I3 航拍机', 'small', 4.2],
    ],
    fleet: 6,
    pilots: 4,
  },
  {
    id: 'CQ-SURV',
    name: '两江测绘（示例）航空科技有限公司',
    kind: 'survey',
    credentials: ['commercial'],
    models: [
      ['P4 RTK 测绘机', 'light', 1.4],
      ['V20 垂起固定翼', 'small', 13],
    ],
    fleet: 6,
    pilots: 3,
  },
  {
    id: 'CQ-EMS',
    name: '重庆航空应急救援（示例）队',
    kind: 'emergency-service',
    credentials: ['emergency', 'public-service'],
    models: [
      ['T60 救援运输机', 'small', 23],
      ['M30T 搜救机', 'light', 4.0],
    ],
    fleet: 6,
    pilots: 4,
  },
  { id: 'CQ-AGRI', name: '田园飞防（示例）植保合作社', kind: 'agriculture', credentials: ['commercial'], models: [['T40 植保机', 'medium', 101]], fleet: 4, pilots: 2 },
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '胡', '郭', '何'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '涛', '明', '超', '霞'];

export function buildRegistry(): RegistryDocument {
  const doc: RegistryDocument = { note: 'Illustrative registry for the Chongqing scenario; companies, people and policies are invented.', companies: [], aircraft: [], pilots: [], insurance: [] };
  FIRMS.forEach((f, fi) => {
    doc.companies.push({
      id: f.id,
      name: f.name,
      uscc: withUsccCheck(`91500000MA${String(fi + 1).padStart(2, '0')}CQ${String(1000 + fi * 37).slice(-4)}`.slice(0, 17)),
      kind: f.kind,
      credentials: f.credentials,
    });
    const fleet: string[] = [];
    for (let i = 0; i < f.fleet; i++) {
      const [model, category, mtowKg] = f.models[i % f.models.length];
      const registration = `UAS-CQ-${String((fi + 1) * 10_000 + i + 1).padStart(6, '0')}`;
      fleet.push(registration);
      doc.aircraft.push({ registration, serial: `${f.id.slice(3)}-SN${String(2024_0000 + fi * 100 + i)}`, model, category, mtowKg, companyId: f.id });
    }
    const categories = [...new Set(f.models.map((m) => m[1]))];
    for (let i = 0; i < f.pilots; i++) {
      const n = fi * 7 + i;
      // lapses on purpose: CQ-TOUR's last pilot holds an expired licence; CQ-SURV's last is VLOS only
      const expired = f.id === 'CQ-TOUR' && i === f.pilots - 1;
      const vlosOnly = f.id === 'CQ-SURV' && i === f.pilots - 1;
      doc.pilots.push({
        id: `sim-pilot-${f.id}-${i + 1}`,
        name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 5) % GIVEN.length]}`,
        companyId: f.id,
        licence: {
          number: `CAAC-UAS-${String(500_000 + n * 137).padStart(7, '0')}`,
          class: vlosOnly ? 'VLOS' : 'BVLOS',
          categories,
          expires: expired ? '2026-09-30' : `${2028 + (i % 2)}-0${1 + (i % 9)}-15`,
        },
      });
    }
    // a fleet policy — except CQ-SURV, insured aircraft by aircraft, one of whose policies has expired
    if (f.id === 'CQ-SURV') {
      for (const [i, registration] of fleet.entries()) {
        doc.insurance.push({
          companyId: f.id,
          registration,
          insurer: '渝州财产保险（示例）',
          policyNo: `YZ-UAV-${f.id.slice(3)}-${i + 1}`,
          thirdPartyCny: 1_000_000,
          validFrom: '2026-01-01T00:00:00+08:00',
          validTo: i === fleet.length - 1 ? '2026-06-30T23:59:59+08:00' : '2027-12-31T23:59:59+08:00',
        });
      }
    } else {
      doc.insurance.push({
        companyId: f.id,
        registration: null,
        insurer: '渝州财产保险（示例）',
        policyNo: `YZ-UAV-${f.id.slice(3)}-FLEET`,
        thirdPartyCny: 5_000_000,
        validFrom: '2026-01-01T00:00:00+08:00',
        validTo: '2027-12-31T23:59:59+08:00',
      });
    }
  });
  return doc;
}
