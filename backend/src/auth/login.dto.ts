import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token for the API, good for expiresIn seconds' })
  accessToken!: string;

  @ApiProperty({
    description:
      'Renews the access token (POST /api/auth/refresh) while the session lasts (12 h after its last use, 24 h at ' +
      'most). Browsers also get it as an HttpOnly cookie and need not keep it.',
  })
  refreshToken!: string;

  @ApiProperty()
  expiresIn!: number;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'Optional: the refresh token; browsers send the cookie instead' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 256)
  currentPassword!: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 256)
  newPassword!: string;
}
