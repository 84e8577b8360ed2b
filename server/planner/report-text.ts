/** The rollout report's words, Chinese (default) and English, and the values it shows in words. */
export type ReportLang = 'zh' | 'en';
type T = { zh: string; en: string };
const t = (zh: string, en: string): T => ({ zh, en });

export const REPORT_TEXT = {
  settings: t(
    '策略 <b>{strategy}</b>，随机种子 {seed}，覆盖半径 R = {r} 公里，无人机航程 {range} 公里，X 基站覆盖半径 {sr} 公里（{sa} 米高度）；候选点 {total} 个（{sources}；{aside} 个位于禁飞区或机场保护区内，已排除）；{traffic}。',
    'Strategy <b>{strategy}</b>, seed {seed}, R = {r} km, drone range {range} km, base-station radius {sr} km at {sa} m; candidates {total} ({sources}; {aside} set aside in prohibited or airport areas); {traffic}.',
  ),
  trafficOn: t('模拟交通：每点每日 {n} 架次，步长 {s} 秒', 'traffic {n} flights per point per day, stepped every {s} s'),
  trafficOff: t('未模拟交通', 'no traffic simulation'),
  findings: t('主要结论', 'Findings'),
  findCoverage: t(
    '{n} 个起降点时，{pct} 的乡镇在 {r} 公里内有起降点（同样点数的随机布局为 {base}），覆盖 {d}/{dt} 个区县，到最近起降点平均 {mean} 公里。',
    'At {n} points, {pct} of townships have a point within {r} km (a random layout of as many points: {base}); {d}/{dt} districts covered; {mean} km to the nearest point on average.',
  ),
  findCoverageRandom: t(
    '{n} 个起降点（随机布局）时，{pct} 的乡镇在 {r} 公里内有起降点，覆盖 {d}/{dt} 个区县，到最近起降点平均 {mean} 公里。',
    'At {n} points (random layout), {pct} of townships have a point within {r} km; {d}/{dt} districts covered; {mean} km to the nearest point on average.',
  ),
  findGain: t('从 {a} 个到 {b} 个起降点，R 内乡镇占比由 {pa} 升至 {pb}。', 'From {a} to {b} points, townships within R rise from {pa} to {pb}.'),
  findStations: t(
    '需 {s} 个 X 基站；{n} 个点时 {pct} 的起降点在航程内互相连通（{c} 个连通分量，需 {relays} 个中继点）。',
    '{s} X base stations are needed; at {n} points {pct} of points are in the main network ({c} components, {relays} relay points to join them).',
  ),
  findTraffic: t(
    '模拟一天：申请 {req} 架次，完成 {flown}，拒绝 {rej}，采纳建议 {sug} 次（平均延误 {delay} 秒）。',
    'A simulated day: {req} requested, {flown} flown, {rej} rejected, {sug} suggestions taken (mean delay {delay} s).',
  ),
  ceilingReached: t(
    '{n} 个乡镇在 {r} 公里内没有可用的选址（周边位于禁飞区或机场保护区内），任何布局都无法覆盖，覆盖率上限为 {cap}；本方案在 {pts} 个点时达到 {got}，已接近上限：{list}',
    '{n} townships have no usable site within {r} km (their surroundings lie in prohibited or airport areas): no layout covers them, so coverage cannot exceed {cap}; this study reaches {got} at {pts} points, at that ceiling: {list}',
  ),
  ceilingNotReached: t(
    '{n} 个乡镇在 {r} 公里内没有可用的选址（周边位于禁飞区或机场保护区内），覆盖率上限为 {cap}；本方案在 {pts} 个点时为 {got}，距上限还有 {gap} 个百分点：{list}',
    '{n} townships have no usable site within {r} km (their surroundings lie in prohibited or airport areas), so coverage cannot exceed {cap}; this study reaches {got} at {pts} points, {gap} points below that ceiling: {list}',
  ),
  phases: t('各阶段指标', 'Phases'),
  charts: t('图表', 'Charts'),
  maps: t('地图', 'Maps'),
  hPoints: t('起降点', 'points'),
  hDistricts: t('区县', 'districts'),
  hTownships: t('{r} 公里内乡镇', 'townships ≤ {r} km'),
  hRandom: t('随机基线', 'random'),
  hDistance: t('平均 / 90% 距离 (公里)', 'mean / p90 km'),
  hStations: t('X 基站', 'X stations'),
  hComponents: t('连通分量 (需中继)', 'components (relays to join)'),
  hRequested: t('申请', 'requested'),
  hFlown: t('完成', 'flown'),
  hRejected: t('拒绝 (按原因)', 'rejected (by reason)'),
  hSuggestions: t('采纳建议 (平均延误)', 'suggestions (mean delay)'),
  hConflicts: t('每千架次冲突 (起降点处占比)', 'conflicts /1000 (% at points)'),
  hLos: t('每千架次间隔不足', 'LoS /1000'),
  hSlots: t('时隙利用 平均 / 峰值', 'slot use mean / peak'),
  hPeakCell: t('网格小时峰值', 'peak H3 cell-hour'),
  hSeen: t('X 基站观测到的位置', 'positions seen by X'),
  flightsN: t('{n} 架次 ({pct})', '{n} flights ({pct})'),
  seconds: t('{n} 秒', '{n} s'),
  cCoverageTitle: t('{r} 公里内有起降点的乡镇', 'Townships within {r} km of a point'),
  cPoints: t('起降点数', 'landing points'),
  cPctTownships: t('乡镇占比 (%)', '% of townships'),
  cPlacement: t('{strategy}布局', '{strategy} placement'),
  cRandom: t('随机基线', 'random baseline'),
  cDistricts: t('覆盖区县 (%)', 'districts covered (%)'),
  cStationsTitle: t('X 基站与网络连通', 'X base stations and network reach'),
  cCount: t('数量 / %', 'count / %'),
  cStations: t('X 基站', 'X base stations'),
  cMainNetwork: t('主网络中的起降点 (%，航程 {range} 公里)', 'points in the main network (%, range {range} km)'),
  cTrafficTitle: t('模拟一天的交通量', 'Traffic carried in one simulated day'),
  cFlights: t('架次', 'flights'),
  cRequested: t('申请', 'requested'),
  cFlown: t('完成', 'flown'),
  cRejected: t('拒绝', 'rejected'),
  cSuggestion: t('采纳建议', 'suggestion taken'),
  mSitesTitle: t('各阶段起降点与 X 基站', 'Landing points by phase, X base stations'),
  mUpTo: t('≤ {n} 个点', '≤ {n} points'),
  mStation: t('X 基站', 'X base station'),
  mStationTitle: t('{id}（{n} 个点阶段）', '{id} (phase of {n} points)'),
  mCoverTitle: t('到最近起降点的距离，{n} 个点（H3 {res} 级）', 'Nearest point, {n} points (H3 res {res})'),
  gapsTitle: t('{n} 个点时的网络缺口（航程 {range} 公里）', 'Network gaps at {n} points (drone range {range} km)'),
  gap: t('{place}附近 {size} 个点：距 {to} {km} 公里，需 {relays} 个中继点', '{size} point(s) around {place}: {km} km from {to}, {relays} relay point(s) to join'),
  adjTitle: t('{n} 个点时的调整建议', 'Suggested adjustments at {n} points'),
  adjCorridor: t('航路走廊', 'corridor'),
  adjZone: t('空域开放时段', 'zone schedule'),
  adjCapacity: t('起降点容量', 'landing-point capacity'),
  adjHot: t('热点网格', 'hot cell'),
  corridor: t('建议开辟 {a} ↔ {b} 航路走廊：两地间 {n} 架次', 'Designate a corridor {a} ↔ {b}: {n} flights between them'),
  zoneSchedule: t(
    '{zone} 拒绝 {r} 次申请，其中 {q} 次在低峰时段；若用途允许，每周 {window}（北京时间）开放可承接',
    '{zone} turned away {r} requests, {q} off-peak; a weekly opening {window} (UTC+8) would carry them if its purpose allows',
  ),
  capacity: t(
    '{lp} 高峰小时达 {peak}/{cap} 架次（{n} 次因容量被拒）：增加起降位或在附近增设起降点',
    '{lp} reached {peak}/{cap} movements in its busiest hour ({n} refused for capacity): add pads or a point nearby',
  ),
  hotCell: t('{place} 高峰小时承载 {n} 架次（利用率 {pct}）：按高度分层或绕行分流', '{place} carried {n} flights in its busiest hour ({pct}): separate flows by altitude layer or route around it'),
  near: t('{name}附近', 'near {name}'),
  cell: t('网格 {id}', 'cell {id}'),
  strategyCoverage: t('县县通 + 最大覆盖', 'county-first + coverage'),
  strategyRandom: t('随机', 'random'),
} as const;

export const SOURCE_TEXT: Record<string, T> = {
  townships: t('乡镇驻地', 'township seats'),
  centres: t('区县中心', 'district centres'),
  existing: t('现有起降点', 'existing points'),
  grid: t('H3 网格中心', 'H3 cell centres'),
  user: t('自定义', 'user sites'),
};

/** Reasons a simulated request was refused at filing, in words. */
export const REJECT_REASON_TEXT: Record<string, T> = {
  PLAN_CONFLICT: t('计划冲突', 'plan conflict'),
  LANDING_POINT_CAPACITY: t('起降点容量', 'landing-point capacity'),
  LANDING_POINT_UNKNOWN: t('起降点不存在', 'unknown landing point'),
  ZONE_PROHIBITED: t('禁飞区', 'prohibited zone'),
  ZONE_CATEGORY_NOT_ALLOWED: t('限制区不允许该类别', 'category not allowed'),
  OUTSIDE_SERVICE_AREA: t('服务区外', 'outside the service area'),
  operator: t('管制员拒绝', 'refused by the operator'),
};

/** "{a}" placeholders filled. */
export function fillReport(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (s, k: string) => (k in values ? String(values[k]) : s));
}

/** A percentage to at most one decimal. */
export const pct1 = (x: number): string => `${Math.round(x * 10) / 10}%`;
export const num1 = (x: number): string => String(Math.round(x * 10) / 10);

/** The server's default study name ("coverage 200/500 seed 1") in words; a given name stays. */
export function studyTitle(name: string, lang: ReportLang): string {
  const m = /^(coverage|random) ([\d/]+) seed (\d+)$/.exec(name);
  if (!m) return name;
  const strategy = m[1] === 'random' ? REPORT_TEXT.strategyRandom[lang] : REPORT_TEXT.strategyCoverage[lang];
  return lang === 'zh' ? `${strategy} ${m[2]} · 种子 ${m[3]}` : `${strategy} ${m[2]} · seed ${m[3]}`;
}
