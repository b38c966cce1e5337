// `cookie` (ESM only) is require()d by light-my-request and import()ed by @fastify/cookie. Jest
// compiles it to CommonJS for the first (jest.config.mjs), and would then load that output as ESM
// for the second (the package says "type": "module"); one CommonJS entry serves both.
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = require('../../node_modules/cookie/dist/index.js');
