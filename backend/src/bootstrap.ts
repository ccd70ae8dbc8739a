import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module.js';
import { hardenHttp } from './common/http-hardening.js';
import { NestLogger } from './common/nest-logger.js';
import { QueryErrorFilter } from './common/query-error.filter.js';
import { openApiDocument } from './openapi.js';
import type { Runtime } from './config/runtime.js';
import { RedisIoAdapter } from './realtime/redis-io.adapter.js';
import { UsersService } from './users/users.service.js';

const FRONTEND_DIST = fileURLToPath(new URL('../../frontend/dist', import.meta.url));

/** Builds the HTTP + Socket.IO application on an already open database and starts listening. */
export async function startBackend(runtime: Runtime): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRuntime(runtime), {
    logger: new NestLogger(),
  });
  // Behind a reverse proxy the client address (login rate limit) comes from X-Forwarded-For.
  app.set('trust proxy', runtime.config.trustProxy);
  hardenHttp(app);
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }),
  );
  app.useGlobalFilters(new QueryErrorFilter());
  // gzip or brotli on every response that is worth it (JSON, the dashboard's assets): the province overview is
  // megabytes of JSON raw. Brotli at quality 4 compresses about as fast as gzip's default and a little smaller.
  app.use(compression({ brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } } }));
  if (runtime.config.redisUrl) app.useWebSocketAdapter(await RedisIoAdapter.connect(app, runtime.config.redisUrl));
  mountDocs(app);
  if (existsSync(FRONTEND_DIST)) mountDashboard(app);
  await app.init();
  // Before listening: once /api/health answers, `admin` can log in.
  await app.get(UsersService).ensureAdmin(runtime.admin.password, runtime.admin.reset);
  await app.listen(runtime.config.port);
  return app;
}

function mountDocs(app: NestExpressApplication): void {
  const document = openApiDocument(app);
  // GET /api/docs answers with the OpenAPI JSON to programs and the Swagger UI to browsers.
  app.use('/api/docs', (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/' && req.method === 'GET' && !req.accepts('html')) res.json(document);
    else next();
  });
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
}

function mountDashboard(app: NestExpressApplication): void {
  app.useStaticAssets(FRONTEND_DIST, { index: false, maxAge: '1h' });
  // Client-side routes get the dashboard's index; unknown /api paths still 404 as JSON.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const api = ['/api', '/socket.io', '/metrics'].some((prefix) => req.path.startsWith(prefix));
    if (req.method !== 'GET' || api) return next();
    res.sendFile('index.html', { root: FRONTEND_DIST });
  });
}
