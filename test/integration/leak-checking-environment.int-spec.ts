import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

interface JestFileResult {
  name: string;
  status: 'passed' | 'failed';
  message: string;
}

/**
 * The test environment (test/setup/leak-checking-environment.mjs) fails a file that leaves a timer or
 * a server running, naming where it was made, and passes one that clears or unrefs it. Run by a Jest
 * of its own on the fixtures in test/fixtures/leaks, as `npm test` runs it.
 */
describe('the leak-checking test environment', () => {
  let results: Map<string, JestFileResult>;

  beforeAll(async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'fl-leaks-'));
    const outputFile = path.join(directory, 'results.json');
    const config = {
      rootDir: path.resolve('test/fixtures/leaks'),
      testMatch: ['<rootDir>/*.fixture.mjs'],
      testEnvironment: path.resolve('test/setup/leak-checking-environment.mjs'),
      transform: {},
    };
    try {
      // Fails (exit code 1) because two fixtures do; the results are in the JSON file. --forceExit:
      // the leaked handles would otherwise hold this Jest open for 20 s.
      await promisify(execFile)(
        process.execPath,
        [
          '--experimental-vm-modules',
          '--no-warnings=ExperimentalWarning',
          path.resolve('node_modules/jest/bin/jest.js'),
          '--config',
          JSON.stringify(config),
          '--runInBand',
          '--forceExit',
          '--json',
          '--outputFile',
          outputFile,
        ],
        { timeout: 60_000 },
      ).catch((error: { code?: unknown }) => {
        if (error.code !== 1) throw error;
      });
      const report = JSON.parse(await readFile(outputFile, 'utf8')) as { testResults: JestFileResult[] };
      results = new Map(report.testResults.map((result) => [path.basename(result.name), result]));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('fails a file whose race leaves its deadline running, naming the line that set it', () => {
    const result = results.get('deadline-left-running.fixture.mjs');
    expect(result?.status).toBe('failed');
    expect(result?.message).toContain('1 handle(s) still open after the last test and hook');
    expect(result?.message).toMatch(/Timeout \(20000 ms\) created\s+at .*deadline-left-running\.fixture\.mjs:\d+/);
  });

  it('fails a file that leaves a server listening', () => {
    const result = results.get('server-left-listening.fixture.mjs');
    expect(result?.status).toBe('failed');
    expect(result?.message).toMatch(/TCPSERVERWRAP \(listening on 127\.0\.0\.1:\d+\) created/);
  });

  it("passes a file that clears its deadline and keeps only an unref'd timer", () => {
    expect(results.get('deadline-cleared.fixture.mjs')).toMatchObject({ status: 'passed', message: '' });
  });
});
