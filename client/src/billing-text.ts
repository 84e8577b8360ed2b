/** Words for prices, charges and settlements (codes and fen on the wire; yuan and Chinese here). */
import type { Lang } from './i18n.js';

export const BILLING_TEXT = {
  statement: { zh: '月度账单', en: 'Monthly statement' },
  settlement: { zh: '月度结算', en: 'Monthly settlement' },
  month: { zh: '月份', en: 'Month' },
  total: { zh: '合计', en: 'Total' },
  time: { zh: '时间 (UTC+8)', en: 'Time (UTC+8)' },
  plan: { zh: '计划', en: 'Plan' },
  kind: { zh: '类型', en: 'Kind' },
  amount: { zh: '金额', en: 'Amount' },
  tariff: { zh: '资费版本', en: 'Tariff' },
  recipient: { zh: '收款方', en: 'Recipient' },
  recipientsTotal: { zh: '合计（{n} 个收款方）', en: 'Total, recipients: {n}' },
  postings: { zh: '笔数', en: 'Postings' },
  debits: { zh: '企业应付', en: 'Companies owe' },
  credits: { zh: '各方应收', en: 'Recipients are owed' },
  downloadCsv: { zh: '下载 CSV', en: 'Download CSV' },
  none: { zh: '本月无记录', en: 'Nothing this month' },
  charge: { zh: '飞行费用', en: 'Flight charge' },
  fee: { zh: '迟取消费', en: 'Late-cancellation fee' },
  quote: { zh: '报价', en: 'Quote' },
  free: { zh: '免费', en: 'Free' },
  priceDelta: { zh: '差价', en: 'Difference' },
  askedPrice: { zh: '按原计划', en: 'As asked' },
} as const;
export type BillingKey = keyof typeof BILLING_TEXT;
export const bt = (lang: Lang, k: BillingKey) => BILLING_TEXT[k][lang];

export const ELEMENT_TEXT: Record<string, { zh: string; en: string }> = {
  airspace: { zh: '空域使用', en: 'Airspace use' },
  peak: { zh: '高峰时段附加', en: 'Peak-hour surcharge' },
  movement: { zh: '起降', en: 'Take-off/landing' },
  surveillance: { zh: '监视服务', en: 'Surveillance service' },
  exemption: { zh: '应急/公益减免', en: 'Emergency/public-service exemption' },
  cancellation: { zh: '迟取消费', en: 'Late-cancellation fee' },
};

const CLASS_TEXT: Record<string, { zh: string; en: string }> = {
  suitable: { zh: '适飞空域', en: 'suitable airspace' },
  controlled: { zh: '管制空域', en: 'controlled airspace' },
  corridor: { zh: '航路走廊', en: 'corridor' },
};

/** ¥ with two decimals from integer fen (negative with a minus sign). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '−' : '';
  const a = Math.abs(fen);
  return `${sign}¥${Math.floor(a / 100).toLocaleString('en')}.${String(a % 100).padStart(2, '0')}`;
}

/** A quote line's label: the element, and for airspace its layer and zone class ("0-50m:suitable"). */
export function quoteLineLabel(element: string, ref: string, lang: Lang): string {
  const e = ELEMENT_TEXT[element]?.[lang] ?? element;
  const m = /^(\d+)-(\d+)m:(\w+)$/.exec(ref);
  if (element === 'airspace' && m) return `${e} ${m[1]}–${m[2]} ${lang === 'zh' ? '米' : 'm'} · ${CLASS_TEXT[m[3]]?.[lang] ?? m[3]}`;
  if (element === 'movement') return `${e} ${ref}`;
  return e;
}

/**
 * A settlement account in words: a station or landing point by its name where `names` knows it
 * (its id then goes in the row's tooltip), else its kind and id; owner:…, x-network, company:….
 */
export function accountLabel(account: string, lang: Lang, names: Record<string, string> = {}): string {
  const [kind, id = ''] = account.split(/:(.*)/s);
  const named = names[id];
  switch (kind) {
    case 'station':
      if (named) return named;
      return id.startsWith('A') ? (lang === 'zh' ? `A 类站 ${id}` : `A station ${id}`) : lang === 'zh' ? `B 类站 ${id}` : `B station ${id}`;
    case 'owner':
      return lang === 'zh' ? `起降点业主 ${id}` : `Landing-point owner ${id}`;
    case 'landing-point':
      return named ?? (lang === 'zh' ? `起降点 ${id}` : `Landing point ${id}`);
    case 'x-network':
      return lang === 'zh' ? 'X 类基站监视网' : 'X-station surveillance network';
    case 'company':
      return lang === 'zh' ? `企业 ${id}` : `Company ${id}`;
    default:
      return account;
  }
}

/** A statement row's kind from its transaction id (charge:… or fee:…). */
export const txnKind = (txn: string, lang: Lang) => (txn.startsWith('fee:') ? bt(lang, 'fee') : bt(lang, 'charge'));
