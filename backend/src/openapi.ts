import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { loadConfig, type Database } from '@yz/platform';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AppModule } from './app.module.js';

/** The OpenAPI description of the API, served at /api/docs and /api/openapi.json. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Yongzhou reservoir safety monitoring API')
    .setDescription('Registry, telemetry series, alerts and the reinforcement programme. Times are ISO-8601.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * The same document without a database or a broker: the modules are instantiated but not initialised, and the pool
 * behind Kysely never connects. `npm run api:types` turns it into the dashboard's API types.
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });
  const app = await NestFactory.create(
    AppModule.forRuntime({
      config: loadConfig({}),
      db,
      timescale: false,
      embedded: false,
      brokerConnected: () => false,
      admin: { password: '', reset: false },
      jwtSecret: '',
    }),
    { logger: false },
  );
  try {
    return openApiDocument(app);
  } finally {
    await db.destroy();
  }
}
