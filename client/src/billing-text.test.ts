import { describe, expect, it } from 'vitest';
import { QuoteLineSchema } from '../../shared/schemas/quote.js';
import { accountLabel, BILLING_TEXT, ELEMENT_TEXT, quoteLineLabel, txnKind, yuan } from './billing-text.js';

describe('billing words', () => {
  it('every string and every quote element has Chinese and English', () => {
    for (const [k, v] of Object.entries(BILLING_TEXT)) expect(v.zh && v.en, k).toBeTruthy();
    const elements = (QuoteLineSchema.properties.element.anyOf as { const: string }[]).map((x) => x.const);
    for (const e of elements) expect(ELEMENT_TEXT[e]?.zh && ELEMENT_TEXT[e]?.en, e).toBeTruthy();
  });
  it('fen as yuan, labels of lines and accounts', () => {
    expect([yuan(0), yuan(5), yuan(123456), yuan(-250)]).toEqual(['¥0.00', '¥0.05', '¥1,234.56', '−¥2.50']);
    expect(quoteLineLabel('airspace', '50-120m:controlled', 'zh')).toBe('空域使用 50–120 米 · 管制空域');
    expect(quoteLineLabel('movement', 'LP-500103-HUB', 'en')).toBe('Take-off/landing LP-500103-HUB');
    expect(accountLabel('station:B-500103', 'zh', { 'B-500103': '渝中区服务站' })).toBe('渝中区服务站');
    expect(accountLabel('station:B-500103', 'zh')).toBe('B 类站 B-500103');
    expect(accountLabel('x-network', 'zh')).toBe('X 类基站监视网');
    expect(accountLabel('owner:CQ-LOGI', 'en')).toBe('Landing-point owner CQ-LOGI');
    expect(accountLabel('landing-point:LP-500101-HUB', 'zh', { 'LP-500101-HUB': '万州区中心起降点' })).toBe('万州区中心起降点');
    expect(accountLabel('landing-point:LP-500101-HUB', 'en')).toBe('Landing point LP-500101-HUB');
    expect([txnKind('charge:FP-1', 'zh'), txnKind('fee:FP-2', 'zh')]).toEqual(['飞行费用', '迟取消费']);
  });
});
