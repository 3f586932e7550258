import { ConfigValidationError, GatewayConfig } from './gateway.config';

describe('GatewayConfig', () => {
  it('has the documented defaults', () => {
    const config = GatewayConfig.from({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.demoSeed).toBe(true);
    expect(config.migrateOnBoot).toBe(true);
    expect(config.searchMaxResults).toBe(100);
  });

  it('reads and converts values', () => {
    const config = GatewayConfig.from({
      PORT: '8080',
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'mysql://u@h/db',
    });
    expect(config.port).toBe(8080);
    expect(config.demoSeed).toBe(false);
    expect(config.logLevel).toBe('warn');
    expect(config.databaseUrl).toBe('mysql://u@h/db');
  });

  it('treats empty values as unset', () => {
    expect(GatewayConfig.from({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ DEMO_SEED: 'yes' }, 'DEMO_SEED'],
  ])('refuses %j, naming the variable', (env, name) => {
    expect(() => GatewayConfig.from(env)).toThrow(ConfigValidationError);
    expect(() => GatewayConfig.from(env)).toThrow(name);
  });
});
