import { ApiProperty } from '@nestjs/swagger';

/** GET /api/reservoirs/{code}/sensors/{sensor}/model: the instrument's HST model (domain/dam-safety/hst). */
export class SensorModelDto {
  @ApiProperty({ enum: ['hst'] })
  kind!: 'hst';

  @ApiProperty({ description: 'When it was fitted (ISO-8601)' })
  fittedAt!: string;

  @ApiProperty({ description: 'First training day (YYYY-MM-DD, Beijing); θ counts from here' })
  trainingFrom!: string;

  @ApiProperty({ description: 'Last training day (YYYY-MM-DD, Beijing)' })
  trainingTo!: string;

  @ApiProperty({ description: 'Training days' })
  n!: number;

  @ApiProperty()
  r2!: number;

  @ApiProperty({ description: "Residual standard deviation, in the instrument's unit" })
  sigma!: number;

  @ApiProperty({
    type: [Number],
    minItems: 2,
    maxItems: 2,
    description: 'Lowest and highest daily mean water level seen in training (m); outside it the model does not judge',
  })
  levelRange!: [number, number];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Coefficients of the terms kept: a0 and any of a1 a2 a3 b1 b2 c11 c21 c12 c22 d1 d2 e1',
  })
  terms!: Record<string, number>;

  @ApiProperty({ description: 'Lag-one autocorrelation of the training residuals' })
  autocorrelation!: number;

  @ApiProperty({ description: "The instrument's unit" })
  unit!: string;
}
