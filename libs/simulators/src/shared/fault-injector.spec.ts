import { HttpJsonClient, SourceErrorCode } from '@oncegate/adapters';
import { createSimulator, startSimulator, type RunningSimulator } from './simulator';
import { FaultConfigError, FaultInjector, validateFaultPatch } from './fault-injector';

describe('validateFaultPatch', () => {
  it('accepts a partial update', () => {
    expect(validateFaultPatch({ latencyMs: 5, errorRate: 0.5, down: false })).toEqual({
      latencyMs: 5,
      errorRate: 0.5,
      down: false,
    });
  });
  it.each([
    [{ errorRate: 2 }],
    [{ latencyMs: -1 }],
    [{ down: 'yes' }],
    [{ surprise: 1 }],
    [[1]],
    [null],
  ])('refuses %j', (patch) => {
    expect(() => validateFaultPatch(patch)).toThrow(FaultConfigError);
  });
});

/** The fault injector in front of a tiny JSON route, driven through the adapters' HTTP client. */
describe('FaultInjector over HTTP', () => {
  let running: RunningSimulator;
  let client: HttpJsonClient;
  let injector: FaultInjector;

  beforeAll(async () => {
    const simulator = createSimulator('tax', (app) => {
      app.get('/things/:id', (req, res) => {
        res.json({ id: req.params.id, name: '长兴县恒达建材有限公司', padding: 'x'.repeat(200) });
      });
    });
    injector = simulator.faults;
    running = await startSimulator(simulator);
    client = new HttpJsonClient('tax', running.url, { maxConnections: 4 });
  });
  afterEach(() => injector.reset());
  afterAll(async () => {
    await client.close();
    await running.close();
  });

  it('passes requests through and counts them per route', async () => {
    const res = await client.request({ method: 'GET', path: '/things/1' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ id: '1' });
    await client.request({ method: 'GET', path: '/things/2?x=1' });
    expect(injector.stats()).toEqual({ 'GET /things/1': 1, 'GET /things/2': 1 });
  });

  it('adds latency', async () => {
    injector.update({ latencyMs: 80 });
    const started = Date.now();
    await client.request({ method: 'GET', path: '/things/1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('answers 503 at errorRate 1 (SOURCE_UNAVAILABLE)', async () => {
    injector.update({ errorRate: 1 });
    await expect(client.request({ method: 'GET', path: '/things/1' })).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
  });

  it('cuts connections when down (SOURCE_UNAVAILABLE)', async () => {
    injector.update({ down: true });
    await expect(client.request({ method: 'GET', path: '/things/1' })).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
  });

  it('cuts the body in half at malformedRate 1 (SOURCE_INVALID_RESPONSE on parse)', async () => {
    injector.update({ malformedRate: 1 });
    const res = await client.request({ method: 'GET', path: '/things/1' });
    expect(res.status).toBe(200);
    expect(() => res.json()).toThrow(
      expect.objectContaining({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE }) as Error,
    );
  });

  it('hangs at hangRate 1 until the caller aborts', async () => {
    injector.update({ hangRate: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      client.request({ method: 'GET', path: '/things/1', signal: controller.signal }),
    ).rejects.toThrow();
  });

  it('serves the admin routes whatever the faults', async () => {
    injector.update({ down: true });
    const res = await fetch(`${running.url}/__admin/faults`);
    expect(await res.json()).toMatchObject({ down: true });
    const put = await fetch(`${running.url}/__admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down: false, latencyMs: 1 }),
    });
    expect(await put.json()).toMatchObject({ down: false, latencyMs: 1 });
    const bad = await fetch(`${running.url}/__admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 7 }),
    });
    expect(bad.status).toBe(400);
  });
});
