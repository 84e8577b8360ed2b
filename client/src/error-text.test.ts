import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors/error-codes.js';
import { ApiFailure } from './api.js';
import { ERROR_TEXTS, errorText, failureText } from './error-text.js';

describe('every error code has a Chinese and an English sentence', () => {
  it.each(Object.keys(ERROR_CODES))('%s', (code) => {
    const text = (ERROR_TEXTS as Record<string, { zh: string; en: string } | undefined>)[code];
    expect(text, `no text for ${code}`).toBeDefined();
    expect(text?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(text?.en).toMatch(/^[A-Z][^\u4e00-\u9fff]+$/);
    expect(errorText(code, 'zh')).toBe(text?.zh);
  });
  it('the catalogue has no text for a code that does not exist', () => {
    expect(Object.keys(ERROR_TEXTS).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});

describe('a failure in words', () => {
  it('a code outside the catalogue by its status; no connection at all', () => {
    expect(errorText('HTTP_502', 'zh', 502)).toBe('服务暂时无法处理请求（HTTP 502）');
    expect(failureText(new TypeError('Failed to fetch'), 'en')).toBe('Cannot reach the server: check the connection and try again');
  });
  it('a refusal carrying the reasons reads them, once per code and subject', () => {
    const reasons = [
      { code: 'LICENCE_EXPIRED', effect: 'reject', message: 'x', ref: 'L-1', params: { licence: 'L-1', expires: '2026-11-30' } },
      { code: 'INSURANCE_MISSING', effect: 'reject', message: 'x', ref: 'UAS-1', params: { company: 'ACME', registration: 'UAS-1' } },
      { code: 'ROUTED_TO_STATION', effect: 'info', message: 'x' },
    ];
    const e = new ApiFailure(409, 'PLAN_NOT_FLYABLE', 'you may not fly plan FP-1 now: …', { reasons });
    expect(failureText(e, 'zh')).toBe('当前不能执行该计划：您的执照 L-1 于 2026-11-30 到期，早于本次飞行结束；“ACME”没有覆盖 UAS-1 整个飞行时段的第三者责任险');
  });
  it('a general sentence keeps the server’s specifics; a precise one stands alone', () => {
    expect(failureText(new ApiFailure(400, 'VALIDATION_FAILED', 'body/aircraft/registration must match pattern'), 'zh')).toBe('填写的内容不符合要求：body/aircraft/registration must match pattern');
    expect(failureText(new ApiFailure(403, 'FORBIDDEN', 'role pilot may not do this'), 'en')).toBe('You are not allowed to do this');
  });
});
