/** Demo sign-in (a local demo install): who one may be, in words, and which ones get a button (pure, tested). */
import type { DemoIdentity } from '../../shared/schemas/demo.js';
import type { Lang } from './i18n.js';

const ROLE: Record<DemoIdentity['role'], [string, string]> = {
  operator: ['服务站值班员', 'Station operator'],
  pilot: ['驾驶员', 'Pilot'],
  'company-admin': ['企业管理员', 'Company admin'],
  planner: ['规划人员', 'Planner'],
  viewer: ['访客（只读）', 'Viewer (read only)'],
};

/** "A 站值班员 · 重庆市低空飞行服务中心", "驾驶员 · 重庆物流…": the role, then the station's or company's own name. */
export function demoLabel(d: Pick<DemoIdentity, 'role' | 'stationKind' | 'stationId' | 'name'>, lang: Lang): string {
  const i = lang === 'zh' ? 0 : 1;
  const kind = d.stationKind ?? (d.stationId?.startsWith('A') ? 'A' : d.stationId?.startsWith('B') ? 'B' : undefined);
  const role = d.role === 'operator' && kind ? (lang === 'zh' ? `${kind} 类站值班员` : `${kind}-station operator`) : ROLE[d.role][i];
  return d.name && d.role !== 'planner' && d.role !== 'viewer' ? `${role} · ${d.name}` : role;
}

/** B stations a newcomer would look for first: the city centre (渝中) and a district with its own work (北碚). */
const FEATURED_B = ['500103', '500109'];

/** The identities that get a button (A operator, two B operators, a pilot, a company admin, a planner); the rest go in a list. */
export function featuredDemo(ids: DemoIdentity[]): { featured: DemoIdentity[]; others: DemoIdentity[] } {
  const isB = (d: DemoIdentity) => d.role === 'operator' && (d.stationKind === 'B' || d.stationId?.startsWith('B'));
  const picks: DemoIdentity[] = [];
  const take = (d: DemoIdentity | undefined) => d && !picks.includes(d) && picks.push(d);
  take(ids.find((d) => d.role === 'operator' && !isB(d)));
  for (const code of FEATURED_B) take(ids.find((d) => isB(d) && (d.stationId ?? d.id).includes(code)));
  for (const d of ids.filter(isB)) if (picks.filter(isB).length < 2) take(d);
  take(ids.find((d) => d.role === 'pilot'));
  take(ids.find((d) => d.role === 'company-admin'));
  take(ids.find((d) => d.role === 'planner'));
  return { featured: picks, others: ids.filter((d) => !picks.includes(d)) };
}
