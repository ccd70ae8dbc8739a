import { describe, expect, it } from 'vitest';
import { can } from './permissions';

describe('permissions', () => {
  it('hides alert handling from planners and funding edits from duty officers', () => {
    expect(can('planner', 'alert.handle')).toBe(false);
    expect(can('duty_officer', 'alert.handle')).toBe(true);
    expect(can('duty_officer', 'project.edit')).toBe(false);
    expect(can('planner', 'project.edit')).toBe(true);
    expect(can('engineer', 'users.manage')).toBe(false);
    expect(can('admin', 'users.manage')).toBe(true);
    expect(can(undefined, 'alert.handle')).toBe(false);
  });
});
