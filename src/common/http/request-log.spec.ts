import pino from 'pino';
import { loadConfig } from '../../config/app-config.js';
import { createAppLogger } from './request-log.js';

const streamOf = (logger: pino.Logger): unknown => (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];

describe('createAppLogger', () => {
  it('writes every application of a process to one stdout stream (each stream keeps a flush timer for good)', () => {
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'info', DEMO_DATA: 'false' });
    const first = streamOf(createAppLogger(config));
    expect(first).toBeDefined();
    expect(streamOf(createAppLogger(config))).toBe(first);
  });

  it('opens no buffered stdout stream (nor its flush timer) when the level is silent', () => {
    const buffered = streamOf(createAppLogger(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'info', DEMO_DATA: 'false' })));
    expect(buffered).toMatchObject({ minLength: 4096, _periodicFlush: 1000 });
    const silent = createAppLogger(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DEMO_DATA: 'false' }));
    expect(silent.level).toBe('silent');
    expect((streamOf(silent) as { _periodicFlush?: number })._periodicFlush ?? 0).toBe(0);
  });
});
