import { describe, expect, it } from 'vitest';
import { rolesFor, selectRecipients, type ResponsiblePerson } from './recipients.js';

const persons: ResponsiblePerson[] = [
  { role: 'government', name: '王县长', phone: '13800000001' },
  { role: 'department', name: '李工', phone: '13800000002' },
  { role: 'management', name: '张站长', phone: '13800000003' },
  { role: 'patrol', name: '赵师傅', phone: '13800000004' },
];
const officers = [
  { name: '县值班员', phone: '13900000001' },
  { name: '市值班员', phone: '13900000002' },
];
const roles = (severity: 'info' | 'warning' | 'major' | 'critical', level = 0) =>
  selectRecipients(severity, level, persons, officers).map((r) => r.role);

describe('selectRecipients', () => {
  it('tells the patrol person of a blue notice (a 12 h rainstorm signal), and does not escalate it', () => {
    expect(roles('info')).toEqual(['patrol']);
    expect(roles('info', 2)).toEqual(['patrol']);
  });

  it('tells patrol and management of a warning', () => {
    expect(roles('warning').sort()).toEqual(['management', 'patrol']);
  });

  it('tells the government responsible person of a spill, who warns the people downstream', () => {
    const told = selectRecipients('major', 0, persons, officers, 'spill').map((r) => r.role);
    expect(told.sort()).toEqual(['department', 'government', 'management', 'patrol']);
  });

  it('adds the competent department for a major alert', () => {
    expect(roles('major').sort()).toEqual(['department', 'management', 'patrol']);
  });

  it('tells all four responsible persons and every duty officer given of a critical alert', () => {
    const got = selectRecipients('critical', 0, persons, officers);
    expect(got.map((r) => r.role).sort()).toEqual([
      'department',
      'duty_officer',
      'duty_officer',
      'government',
      'management',
      'patrol',
    ]);
    expect(got.filter((r) => r.role === 'duty_officer').map((r) => r.name)).toEqual(['县值班员', '市值班员']);
  });

  it('escalates an unacknowledged alert one severity further, always with the duty officers', () => {
    expect(roles('warning', 1).sort()).toEqual(['department', 'duty_officer', 'duty_officer', 'management', 'patrol']);
    expect(rolesFor('warning', 2).sort()).toEqual(['department', 'duty_officer', 'government', 'management', 'patrol']);
    expect(rolesFor('major', 1).sort()).toEqual(rolesFor('critical', 0).sort());
    expect(rolesFor('critical', 5).sort()).toEqual(rolesFor('critical', 0).sort());
  });

  it('sends one message per phone when one person holds two roles', () => {
    const doubled = [...persons, { role: 'patrol' as const, name: '张站长', phone: '13800000003' }].slice(1);
    const got = selectRecipients('warning', 0, doubled, []);
    expect(got.map((r) => r.phone).sort()).toEqual(['13800000003', '13800000004']);
  });

  it('skips people without a phone', () => {
    expect(selectRecipients('critical', 0, [], [{ name: '无电话', phone: '' }])).toEqual([]);
  });
});
