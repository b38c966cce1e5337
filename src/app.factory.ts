import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule, AppModuleOptions } from './app.module.js';
import { answerClientError, answerFrameworkError } from './common/http/framework-errors.js';
import { RequestDrain } from './common/http/request-drain.js';
import { APP_LOGGER, logRequests } from './common/http/request-log.js';
import { createValidationPipe } from './common/http/validation.js';
import { hardenHttp } from './security/http-hardening.js';
import { serveWebApp } from './web-app/web-app.js';

const REQUEST_ID_HEADER = 'x-request-id';

export function buildOpenApiConfig() {
  return new DocumentBuilder()
    .setTitle('Forecast Ledger API')
    .setDescription(
      'Forecasts from policy analysis, with their probability estimates, evidence, resolutions and accuracy scores. ' +
        'Every error answers with the same JSON body: status, code, message, per-field errors and the request id.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: Authorization: Bearer fl_…' })
    .build();
}

/** Builds the HTTP application (not yet listening): used by main.ts, the tests and the OpenAPI script. */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.security.bodyLimitBytes,
    // Honour a caller's request id (integrators correlate with it) or make one.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Errors Fastify and Node answer before any route runs get the standard error body too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  // A route may take larger bodies than the default by declaring @RouteConfig({ bodyLimit }) (POST /imports takes files).
  adapter.getInstance().addHook('onRoute', (route) => {
    const bodyLimit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof bodyLimit === 'number') route.bodyLimit = bodyLimit;
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(options), adapter, {
    // Start-up messages wait for the configured (pino) logger rather than going to the console.
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  app.useGlobalPipes(createValidationPipe());
  // First hook, so every answer (a rate-limit refusal too) carries the request id.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  logRequests(fastify, app.get(APP_LOGGER));
  RequestDrain.attach(fastify);
  await hardenHttp(app, options.config);
  await serveWebApp(app);
  const document = SwaggerModule.createDocument(app, buildOpenApiConfig());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
