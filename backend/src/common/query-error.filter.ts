import { ArgumentsHost, Catch, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import pg from 'pg';

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
          : err.code === '23514' || err.code === '22P02' || err.code === '22007'
            ? [HttpStatus.BAD_REQUEST, 'Invalid value']
            : [HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error'];
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) console.error(err);
    res.status(status).json({ statusCode: status, message });
  }
}
