import { describe, expect, it } from 'vitest';
import type { CreditEvent } from '../../shared/schemas/credit.js';
import { creditEventLine, licenceValidity, policyValidity, validityText } from './registry-view.js';

const NOW = Date.parse('2026-12-01T04:00:00Z'); // 12:00 in Beijing

describe('licence and insurance validity', () => {
  it('a licence holds to the end of its last day in Beijing; flagged within 30 days', () => {
    expect(licenceValidity('2026-12-01', NOW)).toEqual({ state: 'expiring', days: 0 });
    expect(licenceValidity('2026-11-30', NOW)).toEqual({ state: 'expired', days: 0 });
    expect(licenceValidity('2026-12-30', NOW).state).toBe('expiring');
    expect(licenceValidity('2027-01-31', NOW).state).toBe('valid');
    expect(validityText(licenceValidity('2026-12-20', NOW), 'zh')).toBe('30 天内到期（剩 19 天）');
    expect(validityText(licenceValidity('2026-10-01', NOW), 'en')).toBe('expired');
  });
  it('a policy not yet started, running, ended', () => {
    expect(policyValidity({ validFrom: '2026-12-05T00:00:00+08:00', validTo: '2027-12-05T00:00:00+08:00' }, NOW)).toEqual({ state: 'future', days: 4 });
    expect(policyValidity({ validFrom: '2026-01-01T00:00:00+08:00', validTo: '2027-12-05T00:00:00+08:00' }, NOW).state).toBe('valid');
    expect(policyValidity({ validFrom: '2026-01-01T00:00:00+08:00', validTo: '2026-12-01T00:00:00+08:00' }, NOW).state).toBe('expired');
  });
});

describe('credit events in words', () => {
  const event = (over: Partial<CreditEvent>): CreditEvent => ({
    seq: 1,
    at: '2026-12-01T02:30:00Z',
    kind: 'off-plan',
    delta: -15,
    ref: 'FP-1',
    ruleDelta: -15,
    scoreAfter: 785,
    tierAfter: 'B',
    reason: 'off plan',
    actor: 'system:credit',
    ...over,
  });
  it('cause, delta, score after, time in UTC+8', () => {
    expect(creditEventLine(event({}), 'zh')).toEqual({ at: '2026-12-01 10:30', cause: '偏离计划（水平、高度或时间）', delta: '-15', after: '785', ref: 'FP-1' });
    expect(creditEventLine(event({ kind: 'adjustment', delta: 20, reason: '整改完成' }), 'zh').cause).toBe('人工调整：整改完成');
    expect(creditEventLine(event({ kind: 'adjustment', delta: 20 }), 'en').delta).toBe('+20');
    expect(creditEventLine(event({ kind: 'tier-change', delta: 0, tierAfter: 'C' }), 'en').cause).toBe('change of tier → C (every plan reviewed)');
  });
});
