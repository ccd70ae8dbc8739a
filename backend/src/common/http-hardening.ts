import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** JSON bodies nest at most this deep: class-transformer recurses per level, and no DTO needs more than a few. */
export const MAX_JSON_DEPTH = 32;
const MAX_JSON_BYTES = '1mb';

/**
 * Security headers, a JSON parser that refuses deep nesting, and a 400 for a NUL byte in the path (PostgreSQL
 * refuses NUL in text, which would surface as a 500). Called before the routes are mounted.
 */
export function hardenHttp(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Naive UI injects its styles at run time; ECharts draws on canvas and exports PNG as data: URLs.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'frame-ancestors': ["'none'"],
          // Plain-HTTP installations (a county office LAN) must not have their requests rewritten to https.
          'upgrade-insecure-requests': null,
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      // TLS ends at the reverse proxy, which sets HSTS (deploy/nginx); a plain-HTTP install must not send it.
      strictTransportSecurity: false,
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (/%00|\0/.test(req.url)) res.status(400).json({ statusCode: 400, message: 'NUL byte in the path' });
    else next();
  });
  // Nest's type leaves out body-parser's `verify` (it uses it for rawBody, off here) but passes it on.
  const json = { limit: MAX_JSON_BYTES, verify: refuseDeepJson };
  app.useBodyParser('json', json);
}

/** body-parser's `verify` hook: throws a 400 before parsing when the JSON text nests deeper than MAX_JSON_DEPTH. */
function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  if (jsonDepth(body) > MAX_JSON_DEPTH) {
    throw Object.assign(new Error(`JSON nests deeper than ${MAX_JSON_DEPTH} levels`), { status: 400 });
  }
}

/** The deepest nesting of objects and arrays in JSON text (brackets inside strings do not count). */
export function jsonDepth(text: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
