import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser } from 'playwright-core';
import { DemoApplication } from '../../apps/gateway/src/applications/demo-application';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway.config';

/**
 * A person's view of `npm start`: GraphiQL loads in a browser from the
 * gateway alone (county intranets have no internet), and its example query
 * finds the demo person from an ID typed with spaces and a lower-case x.
 */
describe('GraphiQL in headless Chromium', () => {
  let app: INestApplication;
  let browser: Browser;
  let origin: string;
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-browser-'));

  beforeAll(async () => {
    app = await createGateway(
      GatewayConfig.from({
        DATABASE_URL: `sqlite:${join(dir, 'gateway.sqlite')}`,
        DEMO_KEYS_FILE: join(dir, 'demo-keys.json'),
        LOG_LEVEL: 'warn',
        PORT: '0',
      }),
    );
    // As `npm start` does: the demo application, for GraphiQL's second tab.
    await app.get(DemoApplication).submitIfAbsent();
    await app.listen(0, '127.0.0.1');
    origin = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no request leaving the gateway and runs the example query', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const failures: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => failures.push(r.url()));
    page.on('pageerror', (e) => failures.push(`pageerror: ${e.message}`));

    const response = await page.goto(`${origin}/graphql`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-container').waitFor({ timeout: 30000 });
    await expect(page.locator('.graphiql-query-editor').innerText()).resolves.toContain(
      'applicantByIdentifier',
    );

    // Every request needs a key and a purpose: the header editor starts with a template, and a
    // person pastes a key from the demo keys file (which the page never contains).
    const keys = JSON.parse(readFileSync(join(dir, 'demo-keys.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(await page.content()).not.toContain(keys.eservice);
    const useKey = async () => {
      await page.getByRole('button', { name: 'Headers' }).click();
      const editor = page.locator(
        '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror',
      );
      await expect(editor.innerText()).resolves.toContain('X-Purpose');
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(
        JSON.stringify({
          Authorization: `Bearer ${keys.eservice}`,
          'X-Purpose': 'ONE_STOP_SERVICE',
        }),
      );
    };
    await useKey();
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');

    await result.getByText('"name"').first().waitFor({ timeout: 30000 });
    const text = await result.innerText();
    expect(text).toContain('"kind": "PERSON"');
    expect(text).toContain('"scheme": "RESIDENT_ID"');
    expect(text).not.toContain('"errors"');

    // The second tab: the demo application, delivered to the departments, with its reuse.
    await page.locator('.graphiql-tab', { hasText: 'DemoApplication' }).click();
    await expect(page.locator('.graphiql-query-editor').innerText()).resolves.toContain(
      'application(id: $id)',
    );
    await useKey();
    await page.locator('.graphiql-execute-button').click();
    await result.getByText('"entriesSaved"').first().waitFor({ timeout: 30000 });
    const application = await result.innerText();
    expect(application).toContain('"applicationNo": "OG-');
    expect(application).toContain('"department": "TAX"');
    expect(application).not.toContain('"errors"');

    mkdirSync(join(process.cwd(), 'var'), { recursive: true });
    await page.screenshot({ path: join(process.cwd(), 'var', 'graphiql.png') });
    expect(failures).toEqual([]);
    expect(requests.length).toBeGreaterThan(4);
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual(
      [],
    );
  });
});
