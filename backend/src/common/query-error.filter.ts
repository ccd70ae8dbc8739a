import { ArgumentsHost, Catch, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import pg from 'pg';

/**
 * Values PostgreSQL refuses because of what the caller sent: a constraint, a malformed or out-of-range number or
 * date (an id past int4), a NUL or invalid byte in text.
 */
const INVALID_VALUE = new Set(['23514', '22P02', '22007', '22008', '22003', '22021', '22P05']);

/** Constraint violations are the caller's mistake (400/409), not a server error; the SQL is never echoed. */
@Catch(pg.DatabaseError)
export class QueryErrorFilter implements ExceptionFilter {
  catch(err: pg.DatabaseError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const [status, message] =
      err.code === '23505'
        ? [HttpStatus.CONFLICT, 'Already exists']
        : err.code === '23503'
          ? [HttpStatus.BAD_REQUEST, 'Refers to something that does not exist']
          : INVALID_VALUE.has(err.code ?? '')
            ? [HttpStatus.BAD_REQUEST, 'Invalid value']
            : [HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error'];
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) console.error(err);
    res.status(status).json({ statusCode: status, message });
  }
}
