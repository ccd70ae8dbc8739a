import type { Random, ResponsiblePersonSeed } from '@yz/domain';
import { randomDate, STATUS_DATE } from './dates.js';
import { mobileNumber, personName } from './names.js';

const ROLES: readonly ResponsiblePersonSeed['role'][] = ['government', 'department', 'management', 'patrol'];

/** The four responsible persons (四个责任人); a few are not yet trained, the rest trained in 2024 – STATUS_DATE. */
export function drawResponsiblePersons(rng: Random): ResponsiblePersonSeed[] {
  return ROLES.map((role) => {
    const trained = rng.chance(0.94);
    return {
      role,
      name: personName(rng),
      phone: mobileNumber(rng),
      trained,
      trainedOn: trained ? randomDate(rng, '2024-01-01', STATUS_DATE) : null,
    };
  });
}
