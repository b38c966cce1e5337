import { ApiProperty } from '@nestjs/swagger';
import { PasswordLinkPurpose } from '@prisma/client';
import { IsEnum } from 'class-validator';

export class CreatePasswordLinkDto {
  @ApiProperty({
    enum: PasswordLinkPurpose,
    description: 'invitation: a new user sets a first password; reset: a user sets a new one, and their other sessions end.',
  })
  @IsEnum(PasswordLinkPurpose)
  purpose: PasswordLinkPurpose;
}

export class PasswordLinkDto {
  @ApiProperty({
    example: 'https://ledger.institute.example/app/set-password#token=q2l7…',
    description: 'Give it to the person. Shown in this answer only: it is stored as a digest and works once.',
  })
  url: string;

  @ApiProperty({ format: 'date-time', description: '72 hours from now. A newer link for the same user replaces this one.' })
  expiresAt: string;
}
