import { describe, expect, it } from 'vitest';
import { fieldErrors, localMessage, localNote } from './errors';

describe('API validation messages', () => {
  it('puts each message at the field it names and keeps the rest for the form', () => {
    const r = fieldErrors(
      [
        'amount must be a decimal string in CNY with at most 2 decimals, e.g. "5000000.00"',
        'allocatedOn must be a date YYYY-MM-DD',
        "The expenditure exceeds the project's unspent allocation of 12.00 CNY",
      ],
      ['amount', 'allocatedOn', 'source'],
    );
    expect(Object.keys(r.fields)).toEqual(['amount', 'allocatedOn']);
    expect(r.form).toHaveLength(1);
  });

  it('says known messages in Chinese, with their figures', () => {
    expect(localMessage("The expenditure exceeds the project's unspent allocation of 1200.50 CNY", 'zh')).toBe(
      '超过项目已到位未支出资金 1200.50 元',
    );
    expect(localMessage('Moving from approval to construction skips a stage: a reason is required', 'zh')).toBe(
      '跨阶段变更须填写原因',
    );
    expect(localMessage('something new', 'zh')).toBe('something new');
    expect(localMessage('amount must be greater than 0', 'en')).toBe('amount must be greater than 0');
  });

  it('translates the system notes of alert histories', () => {
    expect(localNote('auto-resolved: back within limits', 'zh')).toBe('自动解除：已恢复到限值以内');
    expect(localNote('auto-resolved: back within limits', 'en')).toBe('auto-resolved: back within limits');
    expect(localNote(null, 'zh')).toBe('');
  });

  it('says the ledger import row errors in Chinese', () => {
    expect(localMessage("Exceeds the project's unspent allocation of 0.00 CNY", 'zh')).toBe(
      '超过项目已到位未支出资金 0.00 元',
    );
    expect(localMessage('an amount in CNY with at most 2 decimals is expected', 'zh')).toBe('金额须为元，最多两位小数');
    expect(localMessage('2026-13-40 is not a date', 'zh')).toBe('2026-13-40 不是有效日期（YYYY-MM-DD）');
    expect(localMessage('摘要 is required', 'zh')).toBe('摘要为必填项');
  });

  it('puts a message where a given mapper says, and says an order problem in Chinese', () => {
    const problem = 'waterLevel.major (168) must be below critical (167.32)';
    const r = fieldErrors([problem], ['waterLevel.major'], (m) => m.split(' ')[0]);
    expect(r.fields['waterLevel.major']).toBe(problem);
    expect(localMessage(problem, 'zh')).toBe('须低于 167.32');
  });
});
