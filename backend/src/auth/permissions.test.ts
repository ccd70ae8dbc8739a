import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { AlertRulesController } from '../alert-rules/alert-rules.controller.js';
import { AlertsController } from '../alerts/alerts.controller.js';
import { AppraisalsController } from '../appraisals/appraisals.controller.js';
import { ROLES_KEY } from '../common/decorators.js';
import { HazardsController } from '../hazards/hazards.controller.js';
import { FundingController, ProjectsController } from '../programme/programme.controller.js';
import { ResponsiblePersonsController } from '../responsible-persons/responsible-persons.controller.js';
import { SimulationController } from '../simulation/simulation.controller.js';
import { TelemetryController } from '../telemetry/telemetry.controller.js';
import { UsersController } from '../users/users.controller.js';
import { PERMISSION_ROLES, permissionsOf, type Permission } from './permissions.js';

/** Every route a permission stands for, as class and method (the class itself for class-wide roles). */
const GUARDED: [Permission, object, string?][] = [
  ['alert.handle', AlertsController, 'ack'],
  ['alert.handle', AlertsController, 'ackMany'],
  ['alert.handle', AlertsController, 'resolve'],
  ['project.edit', ProjectsController, 'changeStage'],
  ['project.edit', ProjectsController, 'addAllocation'],
  ['project.edit', ProjectsController, 'addExpenditure'],
  ['project.edit', FundingController, 'transfer'],
  ['appraisal.record', AppraisalsController, 'record'],
  ['hazard.edit', HazardsController, 'create'],
  ['hazard.edit', HazardsController, 'close'],
  ['person.edit', ResponsiblePersonsController, 'put'],
  ['rules.edit', AlertRulesController, 'set'],
  ['rules.edit', AlertRulesController, 'clear'],
  ['storm.start', SimulationController, 'storm'],
  ['rejects.read', TelemetryController, 'rejects'],
];

describe('permissions', () => {
  it("match the routes' @Roles()", () => {
    for (const [permission, controller, method] of GUARDED) {
      const target = method ? (controller as { prototype: Record<string, object> }).prototype[method]! : controller;
      expect(Reflect.getMetadata(ROLES_KEY, target), `${permission} ${method}`).toEqual([
        ...PERMISSION_ROLES[permission],
      ]);
    }
    expect(Reflect.getMetadata(ROLES_KEY, UsersController)).toEqual(['admin']);
  });

  it('gives admin everything and a planner no alert handling', () => {
    expect(permissionsOf('admin')).toEqual(Object.keys(PERMISSION_ROLES));
    expect(permissionsOf('planner')).toContain('project.edit');
    expect(permissionsOf('planner')).not.toContain('alert.handle');
    expect(permissionsOf('duty_officer')).toEqual(['alert.handle']);
  });
});
