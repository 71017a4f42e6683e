// Browser tests of the dyad dashboard in headless Chromium (Debian's package),
// driven by playwright-core. Run through ./run.sh, which builds and starts the
// fixture server (examples/fixture_server.rs) and installs what is needed.
//
// Env: DYAD_FIXTURE_SERVER (path of the built example), ARTIFACTS (screenshot
// folder), CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const ARTIFACTS = process.env.ARTIFACTS || "target/browser-artifacts";
const SERVER_BIN = process.env.DYAD_FIXTURE_SERVER;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
mkdirSync(ARTIFACTS, { recursive: true });

let server, base, context, profile;
const dialogs = [];

function startServer() {
  return new Promise((resolve, reject) => {
    assert.ok(SERVER_BIN, "set DYAD_FIXTURE_SERVER to the fixture_server binary");
    const child = spawn(SERVER_BIN, [], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error("server did not start in 60 s: " + out)), 60000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    });
    child.on("exit", (code) => reject(new Error("server exited with " + code + ": " + out)));
  });
}

before(async () => {
  ({ child: server, url: base } = await startServer());
  profile = mkdtempSync(join(tmpdir(), "dyad-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  // Nothing may leave the machine: every request must go to our server.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base + "/")) return route.continue();
    dialogs.push("external request: " + url);
    return route.abort();
  });
  context.on("page", (p) => p.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); }));
});

after(async () => {
  if (context) await context.close();
  if (server) { server.stdin.end(); server.kill(); }
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function newPage(viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.errors = errors;
  return page;
}

test("overview, pick a pair, chart, period events, event evidence", async () => {
  const page = await newPage();
  await page.goto(base + "/");
  await page.screenshot({ path: join(ARTIFACTS, "1-overview.png"), fullPage: true });
  assert.ok(await page.locator("#top-pairs tbody tr").count() >= 2, "most active pairs listed");
  assert.ok(await page.locator("#latest li").count() >= 5, "latest events listed");

  // Type-ahead fills the datalist from the API.
  await page.locator('input[name="a"]').pressSequentially("russ", { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll("#actors-a option").length > 0);
  const options = await page.locator("#actors-a option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(options.includes("RUS"), "type-ahead offers RUS: " + options);
  await page.locator('input[name="a"]').fill("RUS");
  await page.locator('input[name="b"]').pressSequentially("ARM", { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll("#actors-b option").length > 0);
  await page.screenshot({ path: join(ARTIFACTS, "2-pick-pair.png") });
  await Promise.all([page.waitForURL(/\/pair\?a=RUS&b=ARM/), page.locator("form.picker button").click()]);

  // The chart is drawn: a canvas of nonzero size, with data points.
  await page.waitForFunction(() => Number(document.getElementById("chart").dataset.points) > 0);
  const canvas = page.locator("#chart canvas");
  const box = await canvas.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 100, "canvas has size: " + JSON.stringify(box));
  const points = await page.evaluate(() => window.dyadChart.data[0].length);
  assert.ok(points >= 12, "a point per month: " + points);
  const painted = await page.evaluate(() => {
    const c = document.querySelector("#chart canvas");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(painted > 1000, "the canvas is painted: " + painted);
  await page.screenshot({ path: join(ARTIFACTS, "3-pair-chart.png"), fullPage: true });

  // Click the period with the most events: its events are listed.
  const target = await page.evaluate(() => {
    const u = window.dyadChart;
    let best = 0;
    for (let i = 0; i < u.data[0].length; i++) if (u.data[1][i] + u.data[2][i] > u.data[1][best] + u.data[2][best]) best = i;
    const over = u.over.getBoundingClientRect();
    return { x: over.left + u.valToPos(u.data[0][best], "x"), y: over.top + over.height / 2, n: u.data[1][best] + u.data[2][best] };
  });
  await page.mouse.move(target.x, target.y);
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction(() => document.querySelectorAll("#period-events a.event-link").length > 0);
  const listed = await page.locator("#period-events a.event-link").count();
  assert.equal(listed, target.n, "every event of the clicked period is listed");
  await page.locator("#period").screenshot({ path: join(ARTIFACTS, "4-period-events.png") });

  // Click through to an event: the evidence sentence with the trigger marked.
  await Promise.all([page.waitForURL(/\/events\/\d+$/), page.locator("#period-events a.event-link").first().click()]);
  const mark = page.locator("blockquote.sentence mark").first();
  assert.ok((await mark.textContent()).length > 2, "trigger highlighted");
  const source = page.locator("a.source-link").first();
  assert.match(await source.getAttribute("href"), /^https:\/\/news\.test\//);
  await page.screenshot({ path: join(ARTIFACTS, "5-event-evidence.png"), fullPage: true });
  assert.deepEqual(page.errors, [], "no script errors");
});

test("XSS fixture stays inert", async () => {
  const page = await newPage();
  const res = await page.request.get(base + "/api/events?code=040&limit=1");
  const id = (await res.json()).events[0].id;
  await page.goto(base + "/events/" + id);
  const text = await page.locator("blockquote.sentence").first().textContent();
  assert.ok(text.includes("<img src=x onerror=alert(1)>"), "the markup shows as text: " + text);
  const title = await page.locator("a.document-link").first().textContent();
  assert.ok(title.includes('<script>alert("title-xss")</script>'), "the title shows as text");
  assert.equal(await page.locator("main img").count(), 0, "no injected image");
  assert.equal(await page.locator("main script").count(), 0, "no injected script");
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, "no javascript: link");
  await page.screenshot({ path: join(ARTIFACTS, "6-xss-event.png"), fullPage: true });
  await page.locator("a.document-link").first().click();
  await page.waitForURL(/\/documents\/\d+$/);
  assert.equal(await page.locator("main img").count(), 0);
  await page.goto(base + "/");
  await page.goto(base + "/pair?a=RUS&b=ARM&interval=day");
  await page.waitForFunction(() => Number(document.getElementById("chart").dataset.points) > 0);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], "no dialog fired and nothing was fetched from outside");
  assert.deepEqual(page.errors, []);
});

test("works on a 375px-wide phone screen", async () => {
  const page = await newPage({ width: 375, height: 740 });
  for (const [name, path] of [["7-phone-overview.png", "/"], ["8-phone-pair.png", "/pair?a=RUS&b=ARM"]]) {
    await page.goto(base + path);
    if (path.startsWith("/pair")) await page.waitForFunction(() => Number(document.getElementById("chart").dataset.points) > 0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, path + " scrolls sideways by " + overflow + "px");
    await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  }
  const box = await page.locator("#chart canvas").boundingBox();
  assert.ok(box.width > 250 && box.width <= 375, "chart fits the screen: " + box.width);
});
