import { ApiProperty } from '@nestjs/swagger';
import { PasswordLinkPurpose } from '@prisma/client';
import { IsEnum, IsString, MaxLength, MinLength } from 'class-validator';

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

export class CheckPasswordLinkDto {
  @ApiProperty({ description: 'The token from the link (after #token=).', example: 'q2l7…' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  token: string;
}

/** What the page of a working link shows before the person chooses a password. */
export class PasswordLinkStatusDto {
  @ApiProperty({ enum: PasswordLinkPurpose })
  purpose: PasswordLinkPurpose;

  @ApiProperty({ example: 'jane@institute.example', description: 'The account whose password the link sets.' })
  email: string;

  @ApiProperty({ example: 'Jane Analyst' })
  displayName: string;

  @ApiProperty({ format: 'date-time', description: 'When the link stops working, if not used before.' })
  expiresAt: string;
}
