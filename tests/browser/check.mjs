// Drives the system Chromium (playwright-core, no browser download) for tests/test_site_browser.py.
//
//   node check.mjs '<json request>'
//
// The request is {"check": NAME, ...}; the answer, printed as one JSON line on stdout, is what
// the Python test asserts on. Every request the page makes outside 127.0.0.1 is blocked and
// reported in "external", so a theme that fetches from a CDN fails its test.
//
// checks:
//   axe        {urls, scheme}       -> {results: [{url, violations: [{id, impact, help, targets}]}]}
//   nojs       {url}                -> {visibleEvents, formVisible, links}
//   filter     {url}                -> what the reader sees after each step of using the filters
//   timelinejs {url, events}        -> {slides, missing, errors}
//   screenshot {url, path, width, height, scheme, fullPage}

import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.TLGEN_CHROMIUM || "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

async function withBrowser(options, body) {
  const profile = mkdtempSync(join(tmpdir(), "tlgen-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS,
    viewport: { width: options.width || 1280, height: options.height || 900 },
    javaScriptEnabled: options.javaScript !== false,
    colorScheme: options.scheme || "light",
  });
  const external = [];
  const errors = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") {
      return route.continue();
    }
    external.push(route.request().url());
    return route.abort();
  });
  context.on("page", (page) => {
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
    const result = await body(page);
    return { ...result, external, errors };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function visibleEvents(page) {
  return page.locator("li.event").evaluateAll((items) => items
    .filter((li) => li.offsetParent !== null && li.getBoundingClientRect().height > 0)
    .map((li) => ({ id: li.id, tags: (li.dataset.tags || "").split(" ").filter(Boolean),
                    text: li.textContent.replace(/\s+/g, " ").trim() })));
}

const checks = {
  async axe(request) {
    return withBrowser({ scheme: request.scheme }, async (page) => {
      const results = [];
      for (const url of request.urls) {
        await page.goto(url, { waitUntil: "load" });
        await page.addScriptTag({ path: join(HERE, "node_modules/axe-core/axe.min.js") });
        const outcome = await page.evaluate(() => window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
          resultTypes: ["violations"],
        }));
        results.push({ url, violations: outcome.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`) })) });
      }
      return { results };
    });
  },

  async nojs(request) {
    return withBrowser({ javaScript: false }, async (page) => {
      await page.goto(request.url, { waitUntil: "load" });
      const events = await page.locator("li.event:visible").count();
      return {
        visibleEvents: events,
        formVisible: await page.locator("#filters").isVisible(),
        count: (await page.locator(".count").first().textContent()).trim(),
        links: await page.locator(".all-years a").evaluateAll((as) => as.map((a) => a.href)),
      };
    });
  },

  async filter(request) {
    return withBrowser({}, async (page) => {
      const steps = {};
      await page.goto(request.url, { waitUntil: "load" });
      steps.formVisible = await page.locator("#filters").isVisible();
      steps.initial = await visibleEvents(page);
      steps.initialStatus = await page.locator("#filter-status").textContent();
      if (await page.locator('input[name="scope"][value="all"]').count()) {
        await page.getByRole("radio", { name: /All events/ }).check();
        steps.all = await visibleEvents(page);
        await page.getByRole("radio", { name: /Key events/ }).check();
        steps.backToKey = await visibleEvents(page);
      }
      const option = request.tag;
      await page.getByLabel("Tag", { exact: true }).selectOption(option);
      steps.tag = await visibleEvents(page);
      steps.tagStatus = await page.locator("#filter-status").textContent();
      await page.getByLabel("Tag", { exact: true }).selectOption("");
      await page.getByLabel("Search", { exact: true }).fill(request.word);
      steps.search = await visibleEvents(page);
      await page.getByLabel("Search", { exact: true }).fill("zzqxj-no-such-word");
      steps.none = await visibleEvents(page);
      steps.noneMessage = await page.locator("#filter-empty").isVisible();
      await page.getByLabel("Search", { exact: true }).fill("");
      steps.cleared = await visibleEvents(page);
      return steps;
    });
  },

  async timelinejs(request) {
    return withBrowser({}, async (page) => {
      await page.goto(request.url, { waitUntil: "load" });
      await page.waitForFunction((n) => document.querySelectorAll(".tl-slide").length >= n,
        request.events.length, { timeout: 20000 }).catch(() => {});
      await page.waitForTimeout(500);
      const ids = await page.locator(".tl-slide").evaluateAll((slides) => slides.map((s) => s.id));
      const markers = await page.locator(".tl-timemarker").count();
      const missing = request.events.filter((id) => !ids.includes(`event-${id}`));
      const headline = await page.locator(".tl-slide-titleslide .tl-headline").first().textContent().catch(() => null);
      return { slides: ids.length, markers, missing, headline };
    });
  },

  async moved(request) {
    return withBrowser({}, async (page) => {
      const response = await page.goto(request.url, { waitUntil: "load" });
      await page.waitForURL((url) => url.href !== request.url, { timeout: 10000 }).catch(() => {});
      await page.waitForLoadState("load");
      return { status: response.status(), landed: page.url(), title: await page.title() };
    });
  },

  async cited(request) {
    return withBrowser({}, async (page) => {
      await page.goto(request.url, { waitUntil: "load" });
      await page.waitForFunction(() => !window.CSS || !CSS.highlights || CSS.highlights.has("tlgen-cited"),
        null, { timeout: 5000 }).catch(() => {});
      return page.evaluate(() => {
        const found = window.CSS && CSS.highlights && CSS.highlights.get("tlgen-cited");
        const ranges = found ? Array.from(found) : [];
        return { supported: !!(window.CSS && CSS.highlights),
                 text: ranges.map((range) => range.toString()).join("").replace(/\s+/g, " ").trim() };
      });
    });
  },

  async screenshot(request) {
    return withBrowser({ width: request.width, height: request.height, scheme: request.scheme,
                         javaScript: request.javaScript !== false }, async (page) => {
      await page.goto(request.url, { waitUntil: "load" });
      if (request.click) await page.getByLabel(request.click).check();
      await page.screenshot({ path: request.path, fullPage: !!request.fullPage });
      return { path: request.path };
    });
  },
};

const request = JSON.parse(process.argv[2]);
const answer = await checks[request.check](request);
process.stdout.write(JSON.stringify(answer) + "\n");
