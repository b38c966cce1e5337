import { ApiProperty } from '@nestjs/swagger';

export class PageInfoDto {
  @ApiProperty({ example: 20 })
  limit: number;

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` to get the next page; null on the last page.' })
  nextCursor: string | null;
}
