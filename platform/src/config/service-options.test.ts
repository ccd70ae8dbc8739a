import { describe, expect, it } from 'vitest';
import { loadConfig } from './app-config.js';
import { serviceOptions } from './service-options.js';

const servers = { DATABASE_URL: 'postgres://db/yz', MQTT_URL: 'mqtt://broker:1883' };

describe('serviceOptions', () => {
  it('lets ingest alone start without ADMIN_PASSWORD, but not the backend', () => {
    expect(serviceOptions(loadConfig(servers), 'ingest').database.databaseUrl).toBe('postgres://db/yz');
    expect(() => serviceOptions(loadConfig(servers), 'backend')).toThrow(/ADMIN_PASSWORD/);
    expect(() => serviceOptions(loadConfig({ DATABASE_URL: 'postgres://db/yz' }), 'all-in-one')).toThrow(
      /ADMIN_PASSWORD/,
    );
  });

  it('needs the servers for a service alone', () => {
    expect(() => serviceOptions(loadConfig({}), 'ingest')).toThrow(/DATABASE_URL and MQTT_URL/);
  });

  it('gives every entry point the broker credentials, and the embedded broker loopback and the same login', () => {
    const env = { MQTT_USERNAME: 'station', MQTT_PASSWORD: 'secret-1' };
    const all = serviceOptions(loadConfig(env), 'all-in-one').broker;
    expect(all).toMatchObject({ url: undefined, username: 'station', password: 'secret-1' });
    expect(all.embedded).toEqual({ port: 1883, host: '127.0.0.1', username: 'station', password: 'secret-1' });
    const ingest = serviceOptions(loadConfig({ ...servers, ...env }), 'ingest').broker;
    expect(ingest).toMatchObject({ url: 'mqtt://broker:1883', embedded: undefined, username: 'station' });
    expect(serviceOptions(loadConfig({ MQTT_HOST: '0.0.0.0' }), 'all-in-one').broker.embedded?.host).toBe('0.0.0.0');
  });
});
