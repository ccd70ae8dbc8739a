import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../common/auth-user.js';
import { PERMISSIONS } from './permissions.js';

/** The caller, with what the dashboard may offer them. */
export class MeDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  username!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: (typeof ROLES)[number];

  @ApiProperty({ type: String, nullable: true, description: 'Null: the whole city' })
  areaCode!: string | null;

  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'What the caller may do (buttons to show)' })
  permissions!: string[];
}
