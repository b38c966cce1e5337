import { DynamicModule, Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service.js';
import { DATABASE_URL } from './prisma.tokens.js';

@Global()
@Module({})
export class PrismaModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: PrismaModule,
      providers: [{ provide: DATABASE_URL, useValue: databaseUrl }, PrismaService],
      exports: [PrismaService],
    };
  }
}
