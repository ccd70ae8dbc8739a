import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';
import { timescaleAvailable } from '../timescale.js';

/** Registry, users and the readings hypertable (a plain table with a date_bin-based time_bucket without TimescaleDB). */
export const coreSchema: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const timescale = await timescaleAvailable(db);
    if (timescale) await exec(db, `CREATE EXTENSION IF NOT EXISTS timescaledb`);
    else
      await exec(
        db,
        `
        CREATE FUNCTION time_bucket(bucket_width interval, ts timestamptz) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT date_bin(bucket_width, ts, TIMESTAMPTZ '2000-01-03 00:00:00+00') $$`,
      );

    await exec(
      db,
      `
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value text NOT NULL
      )`,
    );
    await exec(
      db,
      `
      CREATE TABLE areas (
        code varchar(6) PRIMARY KEY,
        name text NOT NULL,
        name_en text NOT NULL,
        center_lon double precision NOT NULL,
        center_lat double precision NOT NULL
      )`,
    );
    await exec(
      db,
      `
      CREATE TABLE reservoirs (
        code varchar(11) PRIMARY KEY CHECK (code ~ '^[0-9]{6}-[0-9]{4}$'),
        name text NOT NULL UNIQUE,
        area_code varchar(6) NOT NULL REFERENCES areas(code),
        scale text NOT NULL CHECK (scale IN ('medium', 'small1', 'small2')),
        dam_type text NOT NULL,
        dam_height numeric(6, 2) NOT NULL CHECK (dam_height > 0),
        total_storage numeric(12, 2) NOT NULL CHECK (total_storage > 0),
        catchment_area numeric(10, 2) NOT NULL CHECK (catchment_area > 0),
        gated_spillway boolean NOT NULL,
        spillway_width numeric(6, 2) NOT NULL,
        dead_level numeric(8, 2) NOT NULL,
        flood_limit_level numeric(8, 2) NOT NULL,
        normal_level numeric(8, 2) NOT NULL,
        design_flood_level numeric(8, 2) NOT NULL,
        check_flood_level numeric(8, 2) NOT NULL,
        crest_elevation numeric(8, 2) NOT NULL,
        stage_storage jsonb NOT NULL,
        longitude double precision NOT NULL,
        latitude double precision NOT NULL,
        management_mode text NOT NULL CHECK (management_mode IN ('professional', 'social', 'self')),
        dam_category smallint NOT NULL CHECK (dam_category BETWEEN 1 AND 3),
        completion_year smallint NOT NULL,
        last_appraisal date,
        next_appraisal date NOT NULL,
        dam_safety_monitoring boolean NOT NULL,
        CONSTRAINT levels_ordered CHECK (
          dead_level < flood_limit_level AND flood_limit_level <= normal_level AND normal_level < design_flood_level
          AND design_flood_level < check_flood_level AND check_flood_level < crest_elevation)
      )`,
    );
    await exec(db, `CREATE INDEX reservoirs_area_idx ON reservoirs (area_code)`);
    await exec(
      db,
      `
      CREATE TABLE stations (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        reservoir_code varchar(11) NOT NULL REFERENCES reservoirs(code) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('rain_water', 'dam_safety')),
        report_interval_s integer NOT NULL DEFAULT 3600 CHECK (report_interval_s > 0),
        last_report_at timestamptz
      )`,
    );
    await exec(
      db,
      `
      CREATE TABLE sensors (
        id serial PRIMARY KEY,
        reservoir_code varchar(11) NOT NULL REFERENCES reservoirs(code) ON DELETE CASCADE,
        station_id integer NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
        code text NOT NULL,
        type text NOT NULL,
        unit text NOT NULL,
        threshold numeric(10, 3),
        UNIQUE (reservoir_code, code)
      )`,
    );
    await exec(
      db,
      `
      CREATE TABLE responsible_persons (
        id serial PRIMARY KEY,
        reservoir_code varchar(11) NOT NULL REFERENCES reservoirs(code) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('government', 'department', 'management', 'patrol')),
        name text NOT NULL,
        phone text NOT NULL,
        trained boolean NOT NULL DEFAULT false,
        trained_on date,
        UNIQUE (reservoir_code, role)
      )`,
    );
    await exec(
      db,
      `
      CREATE TABLE users (
        id serial PRIMARY KEY,
        username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{2,64}$'),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'engineer', 'duty_officer', 'planner')),
        area_code varchar(6) REFERENCES areas(code),
        phone text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    await exec(
      db,
      `
      CREATE TABLE readings (
        time timestamptz NOT NULL,
        sensor_id integer NOT NULL,
        value double precision NOT NULL,
        quality smallint NOT NULL DEFAULT 0,
        UNIQUE (sensor_id, time)
      )`,
    );
    if (timescale) {
      await exec(db, `SELECT create_hypertable('readings', by_range('time', INTERVAL '7 days'))`);
      await exec(
        db,
        `
        ALTER TABLE readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'sensor_id',
          timescaledb.compress_orderby = 'time DESC')`,
      );
    } else {
      await exec(db, `CREATE INDEX readings_time_idx ON readings (time DESC)`);
    }
    // The newest value per sensor, upserted by ingest: the overview reads 1294 rows, not the hypertable.
    await exec(
      db,
      `
      CREATE TABLE sensor_latest (
        sensor_id integer PRIMARY KEY REFERENCES sensors(id) ON DELETE CASCADE,
        time timestamptz NOT NULL,
        value double precision NOT NULL
      )`,
    );
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['sensor_latest', 'readings', 'users', 'responsible_persons', 'sensors', 'stations'])
      await exec(db, `DROP TABLE ${table}`);
    await exec(db, `DROP TABLE reservoirs`);
    await exec(db, `DROP TABLE areas`);
    await exec(db, `DROP TABLE settings`);
  },
};
