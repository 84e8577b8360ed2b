/** The workplaces' words (operator console, pilot portal, restriction editor), Chinese and English. */
import type { Text } from './value-text.js';

/** Words about a plan in context: band, place, what an approval does. */
export const PLAN_TEXT = {
  buffered: { zh: '（含缓冲 {band}）', en: ' (buffered {band})' },
  noDistrict: { zh: '服务区外', en: 'outside the districts' },
  andMore: { zh: '等 {n} 个区县', en: 'and {n} more' },
  willReject: { zh: '将驳回 {plans}（竞争的待审批计划）', en: 'Will reject {plans} (competing pending plans)' },
  willRevoke: { zh: '将撤销 {plans}（优先级较低的已批准计划）', en: 'Will revoke {plans} (lower-priority approved plans)' },
  willYield: { zh: '将要求 {plans} 避让（空中飞行）', en: 'Will ask {plans} to yield (airborne)' },
  approvedOne: { zh: '已批准 {plan}', en: 'Approved {plan}' },
  didReject: { zh: '已驳回 {plans}', en: 'rejected {plans}' },
  didRevoke: { zh: '已撤销 {plans}', en: 'revoked {plans}' },
  didYield: { zh: '已要求 {plans} 避让', en: 'asked {plans} to yield' },
  noSideEffects: { zh: '未影响其他计划', en: 'no other plan affected' },
  rejectedOne: { zh: '已拒绝 {plan}', en: 'Rejected {plan}' },
} satisfies Record<string, Text>;

export const OPERATOR_TEXT = {
  queue: { zh: '待审批队列', en: 'Pending queue' },
  empty: { zh: '暂无待审批计划', en: 'No pending plans' },
  approve: { zh: '批准', en: 'Approve' },
  confirmApprove: { zh: '确认批准', en: 'Confirm approval' },
  back: { zh: '返回', en: 'Back' },
  reject: { zh: '拒绝', en: 'Reject' },
  reason: { zh: '理由', en: 'Reason' },
  reasonNeeded: { zh: '拒绝需填写理由', en: 'A rejection needs a reason' },
  emergency: { zh: '紧急', en: 'Emergency' },
  deadline: { zh: '时限', en: 'Deadline' },
  window: { zh: '时段', en: 'Window' },
  place: { zh: '地点', en: 'Place' },
  band: { zh: '高度', en: 'Band' },
  company: { zh: '企业', en: 'Company' },
  competing: { zh: '竞争计划', en: 'Competing' },
  conflicting: { zh: '冲突计划', en: 'Conflicts with' },
  onMap: { zh: '（已在地图上以冲突色显示）', en: '(drawn on the map in the conflict colour)' },
  station: { zh: '受理站', en: 'Station' },
  priority: { zh: '优先级', en: 'Priority' },
  alerts: { zh: '告警', en: 'Alerts' },
  ack: { zh: '确认', en: 'Acknowledge' },
  utc8: { zh: '北京时间', en: 'UTC+8' },
} satisfies Record<string, Text>;

export const PILOT_TEXT = {
  route: { zh: '航线', en: 'Route' },
  draw: { zh: '在地图上点选航点', en: 'Click waypoints on the map' },
  done: { zh: '完成', en: 'Done' },
  clear: { zh: '清除', en: 'Clear' },
  mission: { zh: '任务', en: 'Mission' },
  lower: { zh: '下限 (米)', en: 'Lower (m)' },
  upper: { zh: '上限 (米)', en: 'Upper (m)' },
  depart: { zh: '起飞时间', en: 'Departure' },
  check: { zh: '检查', en: 'Check' },
  submit: { zh: '提交', en: 'Submit' },
  apply: { zh: '采用', en: 'Apply' },
  mine: { zh: '我的计划', en: 'My plans' },
  area: { zh: '作业区域', en: 'Area' },
  drawArea: { zh: '在地图上点选区域顶点', en: "Click the area's corners on the map" },
  duration: { zh: '时长 (分钟)', en: 'Duration (min)' },
  start: { zh: '开始时间', en: 'Start' },
  checked: { zh: '检查结果', en: 'Check result' },
  current: { zh: '当前状态', en: 'Now' },
  station: { zh: '受理站', en: 'Station' },
  activate: { zh: '起飞', en: 'Take off' },
  cancelPlan: { zh: '取消计划', en: 'Cancel plan' },
  open: { zh: '查看', en: 'Open' },
  close: { zh: '收起', en: 'Close' },
  why: { zh: '说明', en: 'Why' },
  activated: { zh: '{plan} 已起飞', en: '{plan} is airborne' },
  cancelled: { zh: '{plan} 已取消', en: '{plan} cancelled' },
  search: { zh: '地点搜索', en: 'Find a place' },
  searchHint: { zh: '起降点或区县名称', en: 'Landing point or district' },
  noMatch: { zh: '没有匹配的地点', en: 'No place matches' },
  landingPoint: { zh: '起降点', en: 'Landing point' },
  district: { zh: '区县', en: 'District' },
  usePoint: { zh: '设为航点', en: 'Use as waypoint' },
  placed: { zh: '地图已移至 {place}', en: 'Map moved to {place}' },
} satisfies Record<string, Text>;

export const PILOT_PROBLEMS = {
  needTwo: { zh: '航线至少需要两个航点', en: 'A route needs at least two waypoints' },
  needThree: { zh: '区域至少需要三个顶点', en: 'An area needs at least three corners' },
  selfIntersecting: { zh: '区域边界自相交，请按顺序点选顶点', en: "The area's edges cross each other: click the corners in order" },
  badDuration: { zh: '时长应为 1–1440 分钟', en: 'The duration must be 1–1440 minutes' },
  badBand: { zh: '高度下限应不小于 0 且低于上限', en: 'The lower altitude must be at least 0 and below the upper' },
  needRegistration: { zh: '请选择航空器或填写其登记号', en: 'Choose the aircraft or enter its registration' },
  badTime: { zh: '请填写有效的时间', en: 'Enter a valid time' },
} satisfies Record<string, Text>;

export const RESTRICTION_TEXT = {
  title: { zh: '临时管制区', en: 'Temporary restriction' },
  draw: { zh: '在地图上点选顶点', en: 'Click vertices on the map' },
  done: { zh: '完成', en: 'Done' },
  name: { zh: '名称', en: 'Name' },
  reason: { zh: '原因', en: 'Reason' },
  lower: { zh: '下限 (米)', en: 'Lower (m)' },
  upper: { zh: '上限 (米)', en: 'Upper (m)' },
  start: { zh: '开始', en: 'Start' },
  end: { zh: '结束', en: 'End' },
  rule: { zh: '规则', en: 'Rule' },
  prohibited: { zh: '禁飞', en: 'Prohibited' },
  approval: { zh: '需审批', en: 'Approval needed' },
  preview: { zh: '预览影响', en: 'Preview' },
  publish: { zh: '发布', en: 'Publish' },
  none: { zh: '不影响现有计划', en: 'No plan affected' },
  needThree: { zh: '至少需要三个顶点', en: 'An area needs at least three vertices' },
  published: { zh: '已发布 {zone}，影响 {n} 个计划', en: 'Published {zone}, {n} plans affected' },
  defaultName: { zh: '临时管制区', en: 'restriction' },
  defaultReason: { zh: '临时管制', en: 'temporary restriction' },
} satisfies Record<string, Text>;

/** "{a} … {b}" filled from a record. */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (s, k: string) => (k in values ? String(values[k]) : s));
}
