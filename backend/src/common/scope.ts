import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { sql, type RawBuilder } from 'kysely';

/**
 * The area a caller may see and change: null is the whole city. The auth guard puts it on the request; handlers
 * read it with @Scope(), and every query applies it with `inScope`, so another area's reservoir, alert, project or
 * hazard is "not found", never "forbidden". This is the only place the rule is written.
 */
export class AreaScope {
  /** Nothing at all: a scoped user asked for another area. */
  private static readonly NOTHING = new AreaScope(undefined);

  /** `area` null: the whole city; undefined: nothing. */
  private constructor(private readonly area: string | null | undefined) {}

  static of(user: { areaCode: string | null }): AreaScope {
    return new AreaScope(user.areaCode);
  }

  /** The whole city: for what the system does on its own account (not on a caller's behalf). */
  static readonly CITY = new AreaScope(null);

  /** The area a user is limited to (null: the whole city), e.g. for Socket.IO rooms. */
  get userArea(): string | null {
    return this.area ?? null;
  }

  /** The whole city, not an area of it (what is stored once for everyone, like the daily report). */
  get wholeCity(): boolean {
    return this.area === null;
  }

  /** Narrowed to a county asked for in a query: the user's own area wins, another area yields nothing. */
  narrow(county: string | undefined): AreaScope {
    if (county === undefined || county === this.area) return this;
    return this.area === null ? new AreaScope(county) : AreaScope.NOTHING;
  }

  /** A name for what this scope sees, for keying what is prepared once per scope. */
  get key(): string {
    return this.area === undefined ? 'nothing' : (this.area ?? 'city');
  }

  /** Whether a thing of this area may be seen (used where the area is known without a query). */
  includes(areaCode: string): boolean {
    return this.area === null || this.area === areaCode;
  }

  /** The condition on an area-code column, e.g. `inScope('r.area_code')`; use through {@link inScope}. */
  condition(column: string): RawBuilder<boolean> {
    if (this.area === null) return sql<boolean>`true`;
    if (this.area === undefined) return sql<boolean>`false`;
    return sql<boolean>`${sql.ref(column)} = ${this.area}`;
  }
}

/** `WHERE` condition limiting a query to the scope, on the query's area-code column (e.g. 'r.area_code'). */
export function inScope(scope: AreaScope, column: string): RawBuilder<boolean> {
  return scope.condition(column);
}

/** The caller's area scope, as the auth guard set it. */
export const Scope = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AreaScope => ctx.switchToHttp().getRequest<ScopedRequest>().scope,
);

export type ScopedRequest = Request & { scope: AreaScope };
