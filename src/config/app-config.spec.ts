import path from 'node:path';
import { ConfigValidationError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('has sane defaults: embedded database in ./.data, port 3000, demo data on', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      http: { port: 3000, host: '127.0.0.1' },
      database: { url: undefined, embedded: { dataDir: path.resolve('.data'), port: 54329 } },
      demoData: true,
      logLevel: 'info',
      auth: { publicRead: false, adminEmail: 'admin@localhost' },
    });
  });

  it('reads and converts every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://u:p@db:5432/ledger',
      DATA_DIR: '/var/lib/ledger',
      EMBEDDED_PG_PORT: '55000',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      PUBLIC_READ: 'true',
      ADMIN_EMAIL: 'director@institute.example',
    });
    expect(config).toEqual({
      env: 'production',
      http: { port: 8080, host: '0.0.0.0' },
      database: { url: 'postgresql://u:p@db:5432/ledger', embedded: { dataDir: '/var/lib/ledger', port: 55000 } },
      demoData: false,
      logLevel: 'warn',
      auth: { publicRead: true, adminEmail: 'director@institute.example' },
    });
  });

  it('stops with a message naming every bad setting', () => {
    const load = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO_DATA: 'perhaps', LOG_LEVEL: 'loud' });
    expect(load).toThrow(ConfigValidationError);
    try {
      load();
    } catch (error) {
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/DEMO_DATA/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });
});
