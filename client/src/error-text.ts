/**
 * API errors as sentences, Chinese and English: every code of the error catalogue has one. A
 * refusal that carries the decision's reasons (a plan that may not fly, or may no longer be
 * approved) is followed by those reasons in words.
 */
import type { ErrorCode } from '../../shared/errors/error-codes.js';
import type { Reason } from '../../shared/schemas/decision.js';
import { ApiFailure } from './api.js';
import type { Lang } from './i18n.js';
import { reasonLines } from './reason-text.js';
import type { Text } from './value-text.js';

const t = (zh: string, en: string): Text => ({ zh, en });

export const ERROR_TEXTS: Record<ErrorCode, Text> = {
  BAD_REQUEST: t('请求有误', 'The request is not valid'),
  MALFORMED_JSON: t('请求内容不是有效的 JSON', 'The request body is not valid JSON'),
  JSON_TOO_DEEP: t('请求内容嵌套层级过深', 'The request body is nested too deeply'),
  VALIDATION_FAILED: t('填写的内容不符合要求', 'Some fields are not filled in as required'),
  INVALID_TIME: t('时间无效，请填写有效的日期和时间', 'A time is not valid: enter a valid date and time'),
  TIME_OUT_OF_RANGE: t('时间超出 2000–2100 年的范围', 'A time is outside the years 2000–2100'),
  END_BEFORE_START: t('结束时间应晚于开始时间', 'The end must be after the start'),
  PLAN_ALREADY_ENDED: t('计划时间已经过去', 'The plan has already ended'),
  ZONE_ALREADY_ENDED: t('管制区的时间已经过去', 'The restriction has already ended'),
  TOO_FAR_AHEAD: t('最多只能提前 30 天申报', 'Plans may be filed at most 30 days ahead'),
  VOLUME_TOO_LONG: t('每个空域块最长 24 小时', 'A volume lasts at most 24 hours'),
  ROUTE_TOO_LONG: t('航线飞行时间最长 12 小时', 'A route plan lasts at most 12 hours'),
  NEGATIVE_ALTITUDE: t('高度不能为负数', 'An altitude may not be negative'),
  ALTITUDE_BAND_INVALID: t('高度下限应低于上限', 'The lower altitude must be below the upper'),
  VOLUMES_XOR_ROUTE: t('请只提供航线或空域块其中一种', 'Give either a route or volumes, not both or neither'),
  COORDINATE_OUT_OF_RANGE: t('坐标超出有效范围', 'A coordinate is out of range'),
  DEGENERATE_OUTLINE: t('区域面积为零，请重新绘制', 'The area has no surface: draw it again'),
  SELF_INTERSECTING_OUTLINE: t('区域边界自相交，请按顺序点选顶点', 'The area’s edges cross each other: click the corners in order'),
  RING_NOT_CLOSED: t('区域边界未闭合', 'The area’s outline is not closed'),
  RING_TOO_SHORT: t('区域至少需要三个顶点', 'An area needs at least three corners'),
  HOLE_OUTSIDE_OUTER: t('区域中的挖空部分必须位于区域内', 'A hole must lie inside the area'),
  TOO_MANY_VERTICES: t('区域顶点过多', 'The outline has too many vertices'),
  ROUTE_ZERO_LENGTH: t('航线长度为零：航点都在同一位置，请选择不同的航点', 'The route has no length: its waypoints are all one point; pick different ones'),
  CATEGORY_WEIGHT_MISMATCH: t(
    '类别与最大起飞重量不符（轻型 ≤7 千克，小型 ≤25 千克，中型 ≤150 千克，大型 >150 千克）',
    'The category does not fit the maximum take-off weight (light ≤ 7 kg, small ≤ 25 kg, medium ≤ 150 kg, large > 150 kg)',
  ),
  LICENCE_ALREADY_EXPIRED: t('执照已过期，续期后再登记', 'The licence has expired: register it once renewed'),
  INVALID_RADIUS: t('圆形区域半径无效', 'The circle’s radius is not valid'),
  OUTLINE_TOO_LARGE: t('区域过大', 'The area is too large'),
  INVALID_ASTM_VOLUME: t('ASTM 空域块格式无效', 'The ASTM volume is not valid'),
  INVALID_ED269: t('ED-269 空域数据格式无效', 'The ED-269 airspace data is not valid'),
  INVALID_GRID_CODE: t('北斗网格码无效', 'The BeiDou grid code is not valid'),
  INVALID_LEVEL: t('网格层级应为 1–10', 'The grid level must be 1–10'),
  INVALID_HEIGHT: t('高度无效', 'The height is not valid'),
  TOO_MANY_CELLS: t('涉及的网格过多，请缩小范围', 'Too many grid cells: make the area smaller'),
  STALE_POSITION: t('位置报告已过时', 'The position report is too old'),
  REASON_REQUIRED: t('请填写理由', 'A reason is required'),
  INVALID_USCC: t('统一社会信用代码无效（18 位，含校验位）', 'The unified social credit code is not valid (18 characters with its check character)'),
  UNAUTHENTICATED: t('未登录或访问令牌无效，请重新登录', 'Not signed in, or the access token is not valid: sign in again'),
  TOKEN_IN_QUERY: t('访问令牌不能放在网址中', 'The access token may not be sent in the address'),
  TOKEN_EXPIRED: t('访问令牌已过期，请重新登录', 'The access token has expired: sign in again'),
  TOKEN_REVOKED: t('访问令牌已被撤销', 'The access token has been revoked'),
  FORBIDDEN: t('您没有此项操作的权限', 'You are not allowed to do this'),
  NOT_FOUND: t('未找到', 'Not found'),
  CONFLICT: t('与已有记录冲突（可能已登记）', 'Conflicts with an existing record (already registered?)'),
  INVALID_TRANSITION: t('计划当前状态不允许此操作', 'The plan’s state does not allow this'),
  NOT_APPROVABLE: t('计划已不能批准', 'The plan can no longer be approved'),
  PLAN_EXPIRED: t('计划已过期', 'The plan has expired'),
  PLAN_NOT_FLYABLE: t('当前不能执行该计划', 'You may not fly this plan now'),
  ALREADY_ACKNOWLEDGED: t('告警已被确认', 'The alert was already acknowledged'),
  IDEMPOTENCY_KEY_REUSED: t('重复提交的请求内容不一致', 'The same request key was used for a different request'),
  SIMULATION_OFF: t('模拟未开启', 'The simulation is off'),
  COMPANY_LIMIT_REACHED: t(
    '企业登记的驾驶员已达上限（已注销的也计入），请联系 A 站提高上限',
    'The company has registered as many pilots as it may (revoked ones count): ask the A station to raise the limit',
  ),
  BODY_TOO_LARGE: t('提交的内容过大', 'The request is too large'),
  URI_TOO_LONG: t('网址过长', 'The address is too long'),
  UNSUPPORTED_MEDIA_TYPE: t('不支持的内容类型', 'Unsupported content type'),
  HEADERS_TOO_LARGE: t('请求头过大', 'The request headers are too large'),
  REQUEST_TIMEOUT: t('请求超时，请重试', 'The request timed out: try again'),
  RATE_LIMITED: t('请求过于频繁，请稍后再试', 'Too many requests: try again shortly'),
  QUOTA_EXCEEDED: t('已达到申报数量上限，请稍后再试', 'Filing quota reached: try again later'),
  UNAVAILABLE: t('服务暂时不可用，请稍后再试', 'The service is unavailable for now: try again shortly'),
  INTERNAL: t('服务器内部错误', 'Internal server error'),
};

/** Codes whose sentence is general: in English the server's own words follow it (in Chinese, what its details say). */
const WITH_MESSAGE = new Set<string>(['BAD_REQUEST', 'VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'INVALID_TRANSITION', 'OUTLINE_TOO_LARGE', 'TOO_MANY_VERTICES']);

/** A field that failed schema validation, as the server details it (Ajv). */
interface FieldError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

const TYPE_WORDS: Record<string, Text> = {
  integer: t('整数', 'a whole number'),
  number: t('数字', 'a number'),
  string: t('文字', 'text'),
  boolean: t('是或否', 'yes or no'),
  array: t('列表', 'a list'),
  object: t('对象', 'an object'),
};

/** The fields people type into the forms, in words (the rest are named as sent: ids, names, indexes). */
const FIELD_WORDS: Record<string, Text> = {
  mtowKg: t('最大起飞重量（千克）', 'maximum take-off weight (kg)'),
  thirdPartyCny: t('第三者责任保额（元）', 'third-party cover (CNY)'),
  registration: t('登记号', 'registration'),
  serial: t('序列号', 'serial number'),
  model: t('型号', 'model'),
  category: t('类别', 'category'),
  insurer: t('保险公司', 'insurer'),
  policyNo: t('保单号', 'policy number'),
  validFrom: t('生效日期', 'valid from'),
  validTo: t('到期日期', 'valid to'),
  licence: t('执照', 'licence'),
  number: t('编号', 'number'),
  expires: t('有效期至', 'expiry date'),
  uscc: t('统一社会信用代码', 'unified social credit code'),
  altitudeLowerM: t('下限高度（米）', 'lower altitude (m)'),
  altitudeUpperM: t('上限高度（米）', 'upper altitude (m)'),
  radiusM: t('半径（米）', 'radius (m)'),
  corridorHalfWidthM: t('航路半宽（米）', 'corridor half-width (m)'),
  cruiseSpeedMps: t('巡航速度（米/秒）', 'cruise speed (m/s)'),
  departAt: t('起飞时间', 'departure time'),
  waypoints: t('航路点', 'waypoints'),
  capacityPerHour: t('每小时容量', 'capacity an hour'),
  reason: t('理由', 'reason'),
};

const fieldWords = (key: string, lang: Lang) => FIELD_WORDS[key]?.[lang] ?? key;

/** One field's problem in words; the field named by its path in the request (ids and names as sent). */
function fieldText(f: FieldError, lang: Lang): string | null {
  const path = (f.instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean);
  const where = path.map((k) => fieldWords(k, lang)).join('.') || (lang === 'zh' ? '请求' : 'the request');
  const p = f.params ?? {};
  const zh = lang === 'zh';
  switch (f.keyword) {
    case 'type': {
      const w = TYPE_WORDS[String(p.type)];
      return w ? (zh ? `${where} 应为${w.zh}` : `${where} must be ${w.en}`) : null;
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return zh ? `${where} 不能小于 ${p.limit}` : `${where} must be at least ${p.limit}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return zh ? `${where} 不能大于 ${p.limit}` : `${where} must be at most ${p.limit}`;
    case 'minLength':
    case 'minItems':
      return zh ? `${where} 太短（至少 ${p.limit}）` : `${where} is too short (at least ${p.limit})`;
    case 'maxLength':
    case 'maxItems':
      return zh ? `${where} 太长（至多 ${p.limit}）` : `${where} is too long (at most ${p.limit})`;
    case 'required':
      return zh ? `缺少 ${where === '请求' ? '' : `${where}.`}${fieldWords(String(p.missingProperty), lang)}` : `${where} is missing ${fieldWords(String(p.missingProperty), lang)}`;
    case 'additionalProperties':
      return zh ? `${where} 中有不认识的字段 ${p.additionalProperty}` : `${where} has an unknown field ${p.additionalProperty}`;
    case 'pattern':
    case 'format':
      return zh ? `${where} 的格式不对` : `${where} is not in the expected format`;
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return zh ? `${where} 的取值无效` : `${where} is not one of the allowed values`;
    default:
      return null;
  }
}

/** What a general refusal's details say, in Chinese (English reads the server's own words). */
function detailsText(code: string, details: unknown, lang: Lang): string | null {
  if (Array.isArray(details) && code === 'VALIDATION_FAILED') {
    const lines = (details as FieldError[]).map((f) => fieldText(f, lang)).filter((x): x is string => !!x);
    return lines.length ? [...new Set(lines)].join(lang === 'zh' ? '；' : '; ') : null;
  }
  if (!details || typeof details !== 'object') return null;
  const d = details as Record<string, unknown>;
  if (code === 'FORBIDDEN' && d.refusal === 'published-by-another')
    return lang === 'zh' ? `该临时管制由 ${d.stationId || '其他站'} 发布，须由其或 A 站撤销` : `it was published by ${d.stationId || 'another station'}: that station or the A station withdraws it`;
  if (code === 'FORBIDDEN' && d.refusal === 'beyond-jurisdiction')
    return lang === 'zh' ? `超出 ${d.stationId} 的辖区，须由 A 站办理` : `it reaches beyond the jurisdiction of ${d.stationId}: the A station does this`;
  if (code === 'CONFLICT' && d.taken === 'registration') return lang === 'zh' ? `登记号 ${d.value} 已被登记` : `registration ${d.value} is already registered`;
  if (code === 'CONFLICT' && d.taken === 'licence')
    return lang === 'zh' ? `执照号 ${d.value} 已登记，本公司已有持此执照的驾驶员` : `licence ${d.value} is already registered to a pilot of this company`;
  return null;
}

/** The sentence of an error code; a code outside the catalogue (a proxy's HTTP error) by its status. */
export function errorText(code: string, lang: Lang, status?: number): string {
  const known = (ERROR_TEXTS as Partial<Record<string, Text>>)[code];
  if (known) return known[lang];
  return lang === 'zh' ? `服务暂时无法处理请求${status ? `（HTTP ${status}）` : ''}` : `The server could not handle the request${status ? ` (HTTP ${status})` : ''}`;
}

function reasonsOf(details: unknown): Reason[] {
  if (!details || typeof details !== 'object') return [];
  const reasons = (details as { reasons?: unknown }).reasons;
  return Array.isArray(reasons) ? (reasons as Reason[]).filter((r) => r && typeof r.code === 'string') : [];
}

/** Anything a request threw, as one sentence for the reader. */
export function failureText(e: unknown, lang: Lang): string {
  if (!(e instanceof ApiFailure)) return lang === 'zh' ? '无法连接服务器，请检查网络后重试' : 'Cannot reach the server: check the connection and try again';
  const head = errorText(e.code, lang, e.status);
  const why = reasonLines(reasonsOf(e.details), lang, { effects: ['reject'] }).map((l) => l.text);
  const sep = lang === 'zh' ? '：' : ': ';
  if (why.length) return `${head}${sep}${why.join(lang === 'zh' ? '；' : '; ')}`;
  // a conflict that is a rule of the airspace, not a record already there: its own sentence
  const d = e.details as { refusal?: unknown } | undefined;
  if (e.code === 'CONFLICT' && d?.refusal === 'edition-zone')
    return lang === 'zh' ? '该管制区已由空域版本修改，请在空域版本中撤销' : 'An airspace edition changed this zone: withdraw it in an edition';
  const said = detailsText(e.code, e.details, lang);
  if (said) return `${head}${sep}${said}`;
  // the server's own words are English: a Chinese reader gets the sentence of the code alone
  if (lang === 'en' && WITH_MESSAGE.has(e.code) && e.message) return `${head}${sep}${e.message}`;
  return head;
}
