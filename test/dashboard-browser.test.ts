/**
 * Journey in a real browser (Debian's Chromium, driven by playwright-core):
 * the work-order queue is open when the simulator's bearing fault develops;
 * the order slides into the queue live, without a reload; a technician opens
 * it, sees the evidence chart, and acknowledges it; the device page shows
 * the three live charts. Screenshots of each view go to test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderView } from '../server/http/api-types';
import { launchBrowser, SCREENSHOT_DIR } from './support/browser';
import { startTestSystem, type TestSystem } from './support/system-fixture';

describe('journey: dashboard in a real browser', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // 300x: the bearing fault (from +2 min) raises its order ~5 s after start.
    sys = await startTestSystem(
      { SIM_SPEED: '300' },
      { scenario: { faults: [{ device: 'P-104', kind: 'bearing-wear', startAfterMinutes: 2, failureAfterMinutes: 46 }] } },
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.cleanup();
  });

  it('shows the order arriving live, lets a technician acknowledge it, and charts the device', async () => {
    await page.goto(sys.dashboardUrl); // the link npm start prints: signs the browser in
    await page.waitForURL((u) => !u.hash.includes('token='));
    await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor({ timeout: 10_000 });
    const reloads: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && reloads.push(f.url()));

    const row = page.locator('[data-testid="wo-row"]').first();
    await row.waitFor({ timeout: 30_000 });
    expect(reloads).toEqual([]); // it arrived over server-sent events
    const number = await row.getAttribute('data-number');
    expect(number).toMatch(/^WO-\d{4}-\d{6}$/);
    await expect.poll(() => row.textContent()).toContain('P-104');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/work-orders.png` });

    await row.click();
    await page.locator('[data-testid="view-work-order"]').waitFor();
    await page.locator('[data-testid="evidence-chart"] canvas').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/work-order-detail.png` });

    await page.locator('[data-testid="transition-acknowledged"]').click();
    await page.locator('[data-testid="view-work-order"][data-status="acknowledged"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-testid="timeline-entry"][data-kind="status"]').count()).toBeGreaterThan(0);
    const order = await sys.get<WorkOrderView>(`/api/work-orders/${number}`);
    expect(order.status).toBe('acknowledged');

    await page.goto(sys.httpUrl + '/#/devices/P-104');
    for (const metric of ['temperature', 'vibration', 'current']) {
      const chart = page.locator(`[data-testid="device-chart-${metric}"]`);
      await chart.waitFor();
      await expect.poll(async () => Number(await chart.getAttribute('data-point-count')), { timeout: 10_000 }).toBeGreaterThan(10);
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/device.png` });

    await page.goto(sys.httpUrl + '/#/devices');
    await page.locator('[data-testid="device-row"]').first().waitFor();
    expect(await page.locator('[data-testid="device-row"]').count()).toBe(13);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/devices.png` });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(sys.dashboardUrl); // the link npm start prints: signs the browser in
    await page.waitForURL((u) => !u.hash.includes('token='));
    await page.locator('[data-testid="wo-row"]').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/work-orders-phone.png` });
  });
});
