import { DynamicModule, Global, Module } from '@nestjs/common';
import type { DatabasePoolSettings } from '../config/app-config.js';
import { PrismaService } from './prisma.service.js';
import { DATABASE_POOL_SETTINGS, DATABASE_URL } from './prisma.tokens.js';

@Global()
@Module({})
export class PrismaModule {
  static forRoot(databaseUrl: string, poolSettings: DatabasePoolSettings): DynamicModule {
    return {
      module: PrismaModule,
      providers: [
        { provide: DATABASE_URL, useValue: databaseUrl },
        { provide: DATABASE_POOL_SETTINGS, useValue: poolSettings },
        PrismaService,
      ],
      exports: [PrismaService],
    };
  }
}
