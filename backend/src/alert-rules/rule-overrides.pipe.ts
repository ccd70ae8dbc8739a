import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { RuleOverrides } from '@yz/domain';

/**
 * The body must be an object of rule families, each an object of settings; the values themselves are checked
 * against the reservoir's levels by the rule engine's own validation in the service.
 */
@Injectable()
export class RuleOverridesPipe implements PipeTransform<unknown, RuleOverrides> {
  transform(body: unknown): RuleOverrides {
    const isObject = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObject(body) || !Object.values(body).every(isObject)) {
      throw new BadRequestException(
        'Expected an object of rule families, e.g. { "waterLevelRise": { "ratePerHour": 0.5 } }',
      );
    }
    return body as RuleOverrides;
  }
}
