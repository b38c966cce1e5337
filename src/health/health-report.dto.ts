import { ApiProperty } from '@nestjs/swagger';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiProperty({ example: 1.2, nullable: true, type: Number })
  latencyMs: number | null;
}

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ example: 12.5, description: 'Seconds since the process started.' })
  uptimeSeconds: number;

  @ApiProperty({ type: DatabaseHealthDto })
  database: DatabaseHealthDto;
}
