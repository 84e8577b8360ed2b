/** Interface strings: Chinese by default, English on request. */
export type Lang = 'zh' | 'en';

const STRINGS = {
  title: { zh: '渝空 · 重庆低空飞行服务', en: 'Yukong · Chongqing low-altitude flight services' },
  status: { zh: '状态', en: 'Status' },
  scenario: { zh: '场景', en: 'Scenario' },
  stations: { zh: '服务站', en: 'Stations' },
  landingPoints: { zh: '起降点', en: 'Landing points' },
  zones: { zh: '空域', en: 'Zones' },
  unavailable: { zh: '服务不可用', en: 'Server unavailable' },
  gridCode: { zh: '北斗网格码', en: 'BeiDou grid code' },
  level: { zh: '层级', en: 'Level' },
  height: { zh: '真高 (米)', en: 'Height AGL (m)' },
  clickMap: { zh: '点击地图查看该点的北斗网格码', en: 'Click the map to see the BeiDou grid code of a point' },
  cell: { zh: '网格范围', en: 'Cell' },
  code3d: { zh: '三维码', en: '3D code' },
  language: { zh: 'English', en: '中文' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  token: { zh: '访问令牌', en: 'Access token' },
  airborne: { zh: '空中', en: 'Airborne' },
  pending: { zh: '待审批', en: 'Pending' },
  alerts: { zh: '告警', en: 'Alerts' },
  layers: { zh: '图层', en: 'Layers' },
  jurisdictions: { zh: 'A/B 站辖区', en: 'A/B jurisdictions' },
  coverage: { zh: 'X 基站覆盖', en: 'X coverage' },
  aircraft: { zh: '实时航空器', en: 'Live aircraft' },
  altitudeSlider: { zh: '高度', en: 'Altitude' },
  timeSlider: { zh: '时间', en: 'Time' },
  cooperative: { zh: '合作目标', en: 'Cooperative' },
  surveillanceOnly: { zh: '非合作/仅监视', en: 'Surveillance only' },
  alerting: { zh: '告警中', en: 'Alerting' },
} as const;

export type StringKey = keyof typeof STRINGS;
export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}
