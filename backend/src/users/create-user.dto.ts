import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '../common/auth-user.js';

export class CreateUserDto {
  @ApiProperty()
  @Matches(/^[A-Za-z0-9_.-]{2,64}$/, { message: 'username: 2–64 letters, digits, _ . -' })
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 64)
  displayName!: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 256)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'County-level area code; omit for the whole city' })
  @IsOptional()
  @Matches(/^4311\d{2}$/, { message: 'areaCode must be a Yongzhou area code such as 431124' })
  areaCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^1\d{10}$/, { message: 'phone must be an 11-digit mobile number' })
  phone?: string;
}
