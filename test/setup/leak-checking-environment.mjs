import { createHook } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TestEnvironment } from 'jest-environment-node';

/** Handles that keep a worker's event loop alive: timers, TCP sockets and servers, child processes. */
const WATCHED = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP', 'PROCESSWRAP']);
const JEST_FRAME = /[\\/]node_modules[\\/](jest-[^\\/]+|@jest[\\/][^\\/]+)[\\/]/;
const NODE_FRAME = /\((node:|internal\/)|at node:/;

/** The frames below the hook, from the first one outside Node's own modules. */
const creatorFrames = (stack = '') =>
  stack
    .split('\n')
    .slice(1)
    .filter((line) => !NODE_FRAME.test(line) && !line.includes('leak-checking-environment'));

/** What a handle is: a timer's delay, a socket's or server's address, a child's command. */
function describeHandle(type, resource) {
  if (type === 'Timeout') return ` (${resource._idleTimeout} ms)`;
  const ownerKey = Object.getOwnPropertySymbols(resource).find((key) => key.description === 'owner_symbol');
  const owner = ownerKey ? resource[ownerKey] : undefined;
  if (type === 'TCPSERVERWRAP') {
    const address = owner?.address?.();
    return address && typeof address === 'object' ? ` (listening on ${address.address}:${address.port})` : '';
  }
  if (type === 'TCPWRAP') return owner?.remotePort ? ` (to ${owner.remoteAddress}:${owner.remotePort})` : '';
  if (type === 'PROCESSWRAP') return owner?.spawnargs ? ` (pid ${owner.pid}: ${owner.spawnargs.join(' ').slice(0, 120)})` : '';
  return '';
}

/**
 * Jest's node environment, failing a test file that leaves a ref'd timer, socket or child process
 * running once all its tests and hooks have finished, with where it was created. Left running, such a
 * handle holds the worker up until Jest force-exits it ("A worker process has failed to exit
 * gracefully"), a warning that names no file. `--detectOpenHandles` misses most of them: it keeps only
 * handles created in a stack that runs through jest-circus, and a handle made after an `await` in a
 * test is not (connection-loss.e2e-spec's uncleared 15 s deadline was one).
 */
export default class LeakCheckingEnvironment extends TestEnvironment {
  /** @type {Map<number, { type: string, resource: { hasRef?: () => boolean, _destroyed?: boolean }, created: { stack?: string } }>} */
  handles = new Map();

  hook = createHook({
    init: (asyncId, type, _triggerAsyncId, resource) => {
      if (!WATCHED.has(type)) return;
      const created = {};
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 16; // Node's own frames take the first five or six
      Error.captureStackTrace(created);
      Error.stackTraceLimit = limit;
      this.handles.set(asyncId, { type, resource, created });
    },
    destroy: (asyncId) => {
      this.handles.delete(asyncId);
    },
  });

  async setup() {
    await super.setup();
    this.hook.enable();
  }

  async teardown() {
    this.hook.disable();
    this.handles.clear();
    await super.teardown();
  }

  /** After the last afterAll: anything still holding the event loop fails the file. */
  async handleTestEvent(event, state) {
    if (event.name !== 'run_finish') return;
    // Sockets and servers closed in the last hook are closed in the loop's next turns.
    await nextTurn();
    await nextTurn();
    this.hook.disable();
    const leaks = [...this.handles.values()].filter(({ resource, created }) => {
      if (resource._destroyed) return false; // a timer that fired or was cleared
      if (typeof resource.hasRef === 'function' && !resource.hasRef()) return false; // unref'd, or closed
      // Jest's own timers (a hook's timeout) are Jest's to clear.
      return !JEST_FRAME.test(creatorFrames(created.stack)[0] ?? '');
    });
    this.handles.clear();
    if (leaks.length === 0) return;
    const where = leaks.map(({ type, resource, created }) => {
      const frames = creatorFrames(created.stack).slice(0, 6);
      // A server's handle is made on a later tick of listen(): no frame of the caller is left.
      if (frames.length === 0) frames.push('    (no frame outside Node: created on a later tick)');
      return `${type}${describeHandle(type, resource)} created\n${frames.join('\n')}`;
    });
    const error = new Error(
      `${leaks.length} handle(s) still open after the last test and hook; clear, close or unref them ` +
        `(they would hold this Jest worker until it is force-exited):\n\n${where.join('\n\n')}`,
    );
    error.stack = error.message;
    state.unhandledErrors.push(error);
  }
}
