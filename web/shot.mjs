import { chromium } from 'playwright-core';
const [,, base, user, pass, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const ctx = await browser.newContext({ locale: 'es-PA' });
const page = await ctx.newPage();
await page.goto(base + '/login');
await page.fill('input[name=name]', user);
await page.fill('input[name=password]', pass);
await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
for (const p of paths) {
	const [path, name] = p.split('=');
	for (const w of [1280, 390]) {
		await page.setViewportSize({ width: w, height: 900 });
		await page.goto(base + path);
		await page.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: true });
	}
}
await browser.close();
