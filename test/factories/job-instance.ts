import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { Clock } from '../../src/common/clock/clock.js';
import { loadConfig } from '../../src/config/app-config.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { JobRunner } from '../../src/scheduler/job-runner.service.js';
import { JobRunsService } from '../../src/scheduler/job-runs.service.js';
import { ManualClock } from './manual-clock.js';

export interface JobInstance {
  clock: ManualClock;
  runner: JobRunner;
  runs: JobRunsService;
  /** This instance's own client, with its own connection pool. */
  prisma: PrismaService;
  get<T>(type: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/**
 * One service instance without HTTP: the whole application module on `databaseUrl`, its clock
 * replaced by a ManualClock. Crons stay off (NODE_ENV=test); tests call the runner as a tick would.
 */
export async function startJobInstance(databaseUrl: string, start: Date | string, env: NodeJS.ProcessEnv = {}): Promise<JobInstance> {
  const clock = new ManualClock(start);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ config, databaseUrl })] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await moduleRef.init();
  return {
    clock,
    runner: moduleRef.get(JobRunner),
    runs: moduleRef.get(JobRunsService),
    prisma: moduleRef.get(PrismaService),
    get: (type) => moduleRef.get(type),
    close: () => moduleRef.close(),
  };
}
