import { Inject } from '@nestjs/common';
import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';

/** The database or a transaction on it: repositories take either. */
export type Sql = Kysely<Database>;

/** Nest token of the process's Kysely instance (provided by AppModule from the open database). */
export const DB = Symbol('DB');

/** Injects the Kysely instance. */
export const InjectDb = () => Inject(DB);

/** A numeric column as a JS number (levels, heights: not money). */
export const float8 = (column: string) => sql<number>`${sql.ref(column)}::float8`;

/** A date column as its calendar date YYYY-MM-DD (pg would turn it into a Date at local midnight). */
export const isoDate = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** A nullable date column as YYYY-MM-DD or null. */
export const isoDateOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
