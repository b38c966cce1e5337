import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'probability', description: 'Path of the offending field (dots for nesting).' })
  field: string;

  @ApiProperty({ example: 'max', description: 'The rule the value broke.' })
  rule: string;

  @ApiProperty({ example: 'probability must not be greater than 1' })
  message: string;
}

/** The one error shape every route answers with. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'validation_failed', description: 'Stable, machine-readable error code.' })
  code: string;

  @ApiProperty({ example: 'The request is invalid: see errors' })
  message: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ example: 'b7c1e0a4-5d0e-4c52-9d7a-9f0f3f6c2b11' })
  requestId?: string;
}
