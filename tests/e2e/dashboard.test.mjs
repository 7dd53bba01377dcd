// End-to-end test of the web dashboard in Debian's chromium (playwright-core):
// a real parc-server (TLS) on a temporary data directory, real parc-agent runs on
// the fixture roots, then a technician's session in the browser.
//
//   node dashboard.test.mjs --build BUILD_DIR --source SOURCE_DIR
//
// Screenshots of every main page go to BUILD_DIR/e2e-artifacts/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { ParcPark } from './park.mjs';
import { parseCsv, readXlsx } from './files.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const buildDir = path.resolve(option('build', process.env.PARC_BUILD_DIR || 'build'));
const sourceDir = path.resolve(option('source', path.join(import.meta.dirname, '..', '..')));
const artifacts = path.join(buildDir, 'e2e-artifacts');
const chromiumPath = option('chromium', '/usr/bin/chromium');

let park;
let context;
let page;
let workDir;

async function shoot(name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parc-e2e-'));
  park = new ParcPark({ buildDir, sourceDir, workDir });
  await park.start();
  context = await chromium.launchPersistentContext(path.join(workDir, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    viewport: { width: 1024, height: 768 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`browser console: ${message.text()}`);
  });
  page.on('pageerror', (error) => { pageErrors.push(String(error)); });
});

const pageErrors = [];

after(async () => {
  if (context) await context.close().catch(() => {});
  if (park) await park.stop();
  if (workDir && !process.env.PARC_E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
});

test('dashboard', async (t) => {
  await t.test('static files carry a strict content security policy', async () => {
    const answer = await context.request.get(`${park.url}/`);
    assert.equal(answer.status(), 200);
    const csp = answer.headers()['content-security-policy'];
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(answer.headers()['x-frame-options'], 'DENY');
  });

  await t.test('log in', async () => {
    await page.goto(`${park.url}/`);
    await page.waitForSelector('#login-form');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await shoot('login');
    await page.fill('#login-email', park.email);
    await page.fill('#login-password', 'wrong password');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-form [role=alert]:not([hidden])');
    await page.fill('#login-email', park.email);
    await page.fill('#login-password', park.password);
    await page.click('#login-form button[type=submit]');
    // `admin user add` gave a one-time password: the dashboard asks for a new one
    // first, with nothing else of the app reachable.
    await page.waitForSelector('#password-form');
    assert.equal(await page.locator('nav a').count(), 0, 'no navigation before the password is changed');
    await shoot('password-change');
    await page.fill('#password-current', park.password);
    await page.fill('#password-new', 'court');
    await page.fill('#password-confirm', 'court');
    await page.evaluate(() => document.getElementById('password-new').removeAttribute('minlength'));
    await page.click('#password-form button[type=submit]');
    await page.waitForSelector('#password-error:not([hidden])');
    assert.equal(await page.textContent('#password-error'), 'Le nouveau mot de passe est trop court.');
    const newPassword = `${park.password}-nouveau`;
    await page.fill('#password-current', park.password);
    await page.fill('#password-new', newPassword);
    await page.fill('#password-confirm', newPassword);
    await page.click('#password-form button[type=submit]');
    await page.waitForSelector('.tiles');
    // The one-time password is gone: sign out, and in again with the new one.
    await page.click('#session button:not(#lang-switch)');
    await page.waitForSelector('#login-form');
    await page.fill('#login-email', park.email);
    await page.fill('#login-password', park.password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-form [role=alert]:not([hidden])');
    await page.fill('#login-email', park.email);
    await page.fill('#login-password', newPassword);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('.tiles');
    assert.match(page.url(), /#\/overview/);
    const total = await page.textContent('.tile .tile-value');
    assert.equal(Number(total), park.devices.length, 'the overview counts every enrolled device');
    await shoot('overview');
  });

  await t.test('filter the inventory', async () => {
    await page.click('nav a[href="#/inventory"]');
    await page.waitForSelector('#inventory-table tbody tr');
    assert.equal(await page.locator('#inventory-table tbody tr').count(), park.devices.length);
    const laptop = park.devices.find((d) => d.kind === 'laptop');
    assert.ok(laptop, 'a laptop was enrolled');
    await page.selectOption('#f-kind', 'laptop');
    await page.click('#inventory-filters button[type=submit]');
    await page.waitForFunction(() => window.location.hash.includes('kind=laptop'));
    await page.waitForFunction(() => document.querySelectorAll('#inventory-table tbody tr').length === 1);
    assert.match(await page.textContent('#inventory-table tbody'), new RegExp(laptop.hostname));
    // The view is in the address: a reload shows the same.
    await page.reload();
    await page.waitForSelector('#inventory-table tbody tr');
    assert.equal(await page.locator('#inventory-table tbody tr').count(), 1);
    assert.equal(await page.inputValue('#f-kind'), 'laptop');
    // Sorting by a header is one click and lands in the address too.
    await page.goto(`${park.url}/#/inventory`);
    await page.waitForSelector('#inventory-table tbody tr');
    await page.getByRole('button', { name: /Trier par Nom/ }).click();
    await page.waitForFunction(() => window.location.hash.includes('sort=-hostname'));
    await page.waitForSelector('th[aria-sort="descending"]');
    await shoot('inventory');
  });

  await t.test('open a device', async () => {
    const laptop = park.devices.find((d) => d.kind === 'laptop');
    await page.goto(`${park.url}/#/inventory?kind=laptop`);
    await page.click(`#inventory-table a[href="#/device/${laptop.id}"]`);
    await page.waitForSelector('#device-components');
    const heading = await page.textContent('h1');
    assert.match(heading, new RegExp(laptop.hostname));
    assert.match(await page.textContent('#device-components'), /Processeur/);
    assert.match(await page.textContent('#device-health'), /Relevé le/);
    await shoot('device');
  });

  let alertId;
  await t.test('an alert arrives live on the feed and is acknowledged', async () => {
    await page.goto(`${park.url}/#/feed`);
    await page.waitForSelector('#feed-connection.ok');
    const before = await page.locator('#alert-list article').count();
    await park.reportFailingDisk();  // the desktop's first report, after the feed is open
    await page.waitForFunction((n) => document.querySelectorAll('#alert-list article').length > n, before,
      { timeout: 30000 });
    const card = page.locator('#alert-list article').first();
    alertId = await card.getAttribute('data-alert-id');
    assert.ok(alertId);
    assert.match(await card.textContent(), new RegExp(park.desktop.hostname));
    await card.locator('button[data-action=acknowledge]').click();
    await page.waitForFunction((id) => document.getElementById(`alert-${id}`).className.includes('state-acknowledged'),
      alertId);
    assert.match(await card.textContent(), /prise en charge/);
  });

  await t.test('log an intervention on the alert', async () => {
    const card = page.locator(`#alert-${alertId}`);
    await card.locator('button[data-action=intervention]').click();
    await page.fill(`#intervention-${alertId}-what`, 'Disque remplacé par un SSD');
    await page.fill(`#intervention-${alertId}-minutes`, '35');
    await page.click(`#intervention-${alertId} button[type=submit]`);
    await page.waitForSelector('#status .notice-ok');
    await card.locator('button[data-action=note]').click();
    await page.fill(`#note-${alertId}-text`, 'Client prévenu');
    await page.click(`#note-${alertId} button[type=submit]`);
    const detail = await park.apiGet(`/api/v1/alerts/${alertId}`);
    assert.equal(detail.state, 'acknowledged');
    const logged = detail.interventions.find((i) => i.what === 'Disque remplacé par un SSD');
    assert.ok(logged, 'the intervention is stored on the alert');
    assert.equal(logged.minutes, 35);
    await shoot('feed');
  });

  await t.test('export CSV and XLSX of exactly the current filter', async () => {
    const room = park.roomOf(park.desktop);
    const inRoom = park.devices.filter((d) => park.roomOf(d) === room);
    assert.ok(inRoom.length >= 2 && inRoom.length < park.devices.length, 'the room holds some devices, not all');
    await page.goto(`${park.url}/#/inventory?room=${encodeURIComponent(room)}`);
    await page.waitForFunction((n) => document.querySelectorAll('#inventory-table tbody tr').length === n,
      inRoom.length);
    const csvPath = await download('#export-csv', 'inventory.csv');
    const csv = parseCsv(fs.readFileSync(csvPath, 'utf8'), ',');
    assert.equal(csv.length - 1, inRoom.length, 'one CSV row per device shown');
    const hostColumn = csv[0].indexOf('hostname');
    assert.ok(hostColumn >= 0, `a hostname column in ${csv[0].join(',')}`);
    assert.deepEqual(csv.slice(1).map((r) => r[hostColumn]).sort(), inRoom.map((d) => d.hostname ?? '').sort());

    const frenchPath = await download('#export-csv-fr', 'inventory-fr.csv');
    const frenchBytes = fs.readFileSync(frenchPath);
    assert.deepEqual([...frenchBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM for French spreadsheets');
    const french = parseCsv(frenchBytes.subarray(3).toString('utf8'), ';');
    assert.deepEqual(french, csv, 'the same rows with ";"');

    const xlsxPath = await download('#export-xlsx', 'inventory.xlsx');
    const sheet = readXlsx(xlsxPath);
    assert.equal(sheet.length, csv.length, 'as many XLSX rows as CSV rows');
    assert.deepEqual(sheet[0], csv[0], 'the same header');
    const xlsxHosts = sheet.slice(1).map((r) => String(r[hostColumn] ?? '')).sort();
    assert.deepEqual(xlsxHosts, inRoom.map((d) => d.hostname ?? '').sort());
  });

  await t.test('room view', async () => {
    const room = park.roomOf(park.desktop);
    await page.goto(`${park.url}/#/rooms?site=${park.site}`);
    await page.click(`a[href*="room=${encodeURIComponent(room).replace(/%20/g, '+')}"], a[href*="room=${encodeURIComponent(room)}"]`);
    await page.waitForSelector('#room-kit .kit-item');
    const kit = await page.textContent('#room-kit');
    assert.match(kit, new RegExp(park.desktop.hostname));
    assert.match(await page.textContent('#room-kit'), /critique|à surveiller/, 'the failing disk shows in the room');
    await shoot('room');
  });

  await t.test('charts', async () => {
    await page.goto(`${park.url}/#/charts`);
    await page.waitForSelector('#alerts-weekly svg.chart');
    await page.waitForSelector('#age-pyramids svg.chart');
    const bars = await page.locator('#alerts-weekly svg.chart .bar').count();
    assert.equal(bars, 12, 'twelve weeks of alerts');
    await shoot('charts');
    await page.goto(`${park.url}/#/device/${park.desktop.id}`);
    await page.waitForSelector('#device-trends');
    await shoot('device-desktop');
    await page.goto(`${park.url}/#/retire`);
    await page.waitForSelector('main h1');
    await shoot('retire');
  });

  await t.test('values are shown as text, never as markup', async () => {
    await page.goto(`${park.url}/#/add`);
    await page.waitForSelector('#add-device-form');
    await shoot('add-device');
    const hostile = '<img src=x id=injected onerror="window.__pwned=1">';
    await page.selectOption('#add-site', park.site);
    await page.selectOption('#add-kind', 'projector');
    await page.fill('#add-room', park.roomOf(park.desktop));
    await page.fill('#add-hostname', hostile);
    await page.fill('#add-model', 'EB-680');
    await page.fill('#add-built_year', '2015');
    await page.click('#add-device-form button[type=submit]');
    await page.waitForFunction(() => window.location.hash.startsWith('#/device/'));
    await page.waitForSelector('#device-components');
    assert.ok((await page.textContent('h1')).includes(hostile), 'the name shows literally');
    assert.equal(await page.locator('#injected').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  await t.test('switch to English, remembered', async () => {
    await page.goto(`${park.url}/#/inventory`);
    await page.waitForSelector('#inventory-table');
    await page.click('#lang-switch');
    await page.waitForSelector('nav a:text-is("Inventory")');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    await page.waitForSelector('#inventory-table');
    assert.equal(await page.textContent('main h1'), 'Inventory');
    await shoot('inventory-en');
    await page.click('#lang-switch');
    await page.waitForSelector('nav a:text-is("Inventaire")');
    // Both languages hold the same strings.
    const keys = await page.evaluate(async () => {
      const i18n = await import('/assets/i18n.js');
      return { fr: i18n.allKeys('fr').sort(), en: i18n.allKeys('en').sort() };
    });
    assert.deepEqual(keys.en, keys.fr);
  });

  await t.test('no script error on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});

async function download(selector, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const target = path.join(artifacts, name);
  await file.saveAs(target);
  return target;
}
