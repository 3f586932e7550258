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

  it('keeps metrics on and tracing off by default', () => {
    const config = GatewayConfig.from({});
    expect(config.metricsEnabled).toBe(true);
    expect(config.tracing).toEqual({
      enabled: false,
      serviceName: 'oncegate-gateway',
      url: undefined,
    });
    expect(GatewayConfig.from({ METRICS: 'off' }).metricsEnabled).toBe(false);
  });

  it('sends traces to the traces endpoint as given, else to the base endpoint’s /v1/traces', () => {
    const base = GatewayConfig.from({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_SERVICE_NAME: 'gateway-a',
    });
    expect(base.tracing).toEqual({
      enabled: true,
      serviceName: 'gateway-a',
      url: 'http://collector:4318/v1/traces',
    });
    const exact = GatewayConfig.from({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
    });
    expect(exact.tracing.url).toBe('https://traces.example/otlp');
  });

  it.each([
    [{ METRICS: 'yes' }, 'METRICS'],
    [{ OTEL_TRACES_EXPORTER: 'jaeger' }, 'OTEL_TRACES_EXPORTER'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [{ OTEL_SERVICE_NAME: 'two words' }, 'OTEL_SERVICE_NAME'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ DEMO_SEED: 'yes' }, 'DEMO_SEED'],
  ])('refuses %j, naming the variable', (env, name) => {
    expect(() => GatewayConfig.from(env)).toThrow(ConfigValidationError);
    expect(() => GatewayConfig.from(env)).toThrow(name);
  });
});
