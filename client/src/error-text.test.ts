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
  it('a general sentence keeps the server’s specifics in English; a precise one stands alone', () => {
    expect(failureText(new ApiFailure(400, 'VALIDATION_FAILED', 'body/aircraft/registration must match pattern'), 'en')).toBe(
      'Some fields are not filled in as required: body/aircraft/registration must match pattern',
    );
    expect(failureText(new ApiFailure(403, 'FORBIDDEN', 'role pilot may not do this'), 'en')).toBe('You are not allowed to do this');
  });
  it('in Chinese, no English words of the server: what the details say, in Chinese, or the sentence alone', () => {
    // the schema's findings (Ajv), each field by its path
    const fields = [
      { instancePath: '/phases/0', keyword: 'type', params: { type: 'integer' }, message: 'must be integer' },
      { instancePath: '/phases/1', keyword: 'maximum', params: { limit: 5000 }, message: 'must be <= 5000' },
      { instancePath: '', keyword: 'required', params: { missingProperty: 'seed' }, message: "must have required property 'seed'" },
    ];
    expect(failureText(new ApiFailure(400, 'VALIDATION_FAILED', 'body/phases/0 must be integer', fields), 'zh')).toBe('填写的内容不符合要求：phases.0 应为整数；phases.1 不能大于 5000；缺少 seed');
    expect(failureText(new ApiFailure(400, 'VALIDATION_FAILED', 'body/phases/0 must be integer', fields), 'en')).toBe(
      'Some fields are not filled in as required: phases.0 must be a whole number; phases.1 must be at most 5000; the request is missing seed',
    );
    expect(failureText(new ApiFailure(409, 'CONFLICT', 'registration UAS-CQ-990002 is already taken', { taken: 'registration', value: 'UAS-CQ-990002' }), 'zh')).toBe(
      '与已有记录冲突（可能已登记）：登记号 UAS-CQ-990002 已被登记',
    );
    // the fields people type are named in words
    const weight = [{ instancePath: '/mtowKg', keyword: 'maximum', params: { limit: 20000 }, message: 'must be <= 20000' }];
    expect(failureText(new ApiFailure(400, 'VALIDATION_FAILED', 'body/mtowKg must be <= 20000', weight), 'zh')).toBe('填写的内容不符合要求：最大起飞重量（千克） 不能大于 20000');
    expect(failureText(new ApiFailure(400, 'VALIDATION_FAILED', 'body/mtowKg must be <= 20000', weight), 'en')).toBe(
      'Some fields are not filled in as required: maximum take-off weight (kg) must be at most 20000',
    );
    expect(failureText(new ApiFailure(409, 'CONFLICT', 'licence L-1 is already registered to a pilot of ACME', { taken: 'licence', value: 'L-1' }), 'zh')).toBe(
      '与已有记录冲突（可能已登记）：执照号 L-1 已登记，本公司已有持此执照的驾驶员',
    );
    expect(failureText(new ApiFailure(403, 'FORBIDDEN', 'restriction TMP-1 reaches beyond …', { refusal: 'beyond-jurisdiction', stationId: 'B-500103' }), 'zh')).toBe(
      '您没有此项操作的权限：超出 B-500103 的辖区，须由 A 站办理',
    );
    expect(failureText(new ApiFailure(403, 'FORBIDDEN', 'restriction TMP-2 was published by B-500101', { refusal: 'published-by-another', stationId: 'B-500101' }), 'zh')).toBe(
      '您没有此项操作的权限：该临时管制由 B-500101 发布，须由其或 A 站撤销',
    );
    expect(failureText(new ApiFailure(409, 'CONFLICT', 'zone Z was changed by an airspace edition', { refusal: 'edition-zone', zoneId: 'Z' }), 'zh')).toBe(
      '该管制区已由空域版本修改，请在空域版本中撤销',
    );
    // details it cannot word: the sentence alone, never the English
    expect(failureText(new ApiFailure(404, 'NOT_FOUND', 'plan FP-9 not found'), 'zh')).toBe('未找到');
  });
});
