// The browser part of verify.sh: Chromium on the host, talking only to the web container's
// port (BASE). Prints PASS/FAIL lines; verify.sh counts them.
//
//   MODE=single  a manager signs in through the web app; a warning posted to /api (with an
//                API client's token, through the same port) turns the machine's tile live.
//   MODE=scale   a display link on the wall screen page; a warning written through each API
//                replica (server, server-2: asked from inside the web container, as the API
//                port is not published) reaches it live. The display's socket is on one of
//                the two, so one of the writes crosses replicas over EVENT_BUS=postgres.
//
// Environment: BASE, EMAIL, PASSWORD, MODE, WEB_CONTAINER, CHROMIUM_PATH.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const { BASE, EMAIL, PASSWORD, MODE = 'single', WEB_CONTAINER } = process.env;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HALL = 'Hall CT';
const LIVE_TIMEOUT_MS = 15_000;

let failures = 0;
const pass = (what) => console.log(`PASS  ${what}`);
const fail = (what) => {
  failures += 1;
  console.log(`FAIL  ${what}`);
};
async function check(what, work) {
  try {
    const detail = await work();
    pass(detail ? `${what} (${detail})` : what);
    return true;
  } catch (error) {
    fail(`${what}: ${String(error?.message ?? error).split('\n')[0]}`);
    return false;
  }
}

async function gql(query, variables, token) {
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors ?? body));
  return body.data;
}

async function managerToken() {
  const { login } = await gql(
    `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, deliverRefreshToken: BODY) { accessToken } }`,
    { e: EMAIL, p: PASSWORD },
  );
  return login.accessToken;
}

async function ensureMachine(token, assetCode) {
  const { machine } = await gql(
    `query ($a: String) { machine(assetCode: $a) { id } }`,
    { a: assetCode },
    token,
  ).catch(() => ({ machine: null }));
  if (machine) return;
  await gql(
    `mutation ($i: CreateMachineInput!) { createMachine(input: $i) { id } }`,
    {
      i: {
        name: `Press ${assetCode}`,
        assetCode,
        buildingName: HALL,
        importance: 3,
        location: 'Line 1',
      },
    },
    token,
  );
}

async function apiClientToken(token) {
  const { createApiClient } = await gql(
    `mutation { createApiClient(input: { name: "Container check ${MODE}", scopes: [WARNINGS_WRITE, MACHINES_READ] }) { token } }`,
    {},
    token,
  );
  return createApiClient.token;
}

/** POST a warning through the web port (the way a sensor gateway would). */
async function warnThroughWeb(apiToken, assetCode) {
  const res = await fetch(`${BASE}/api/machines/${assetCode}/warnings/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Oil pressure low', code: 'OIL' }),
  });
  if (res.status !== 201) throw new Error(`status ${res.status}: ${await res.text()}`);
}

/** POST a warning to one replica directly, from inside the web container's network. */
function warnThroughReplica(apiToken, replica, assetCode) {
  const script = `fetch('http://${replica}:4000/api/machines/${assetCode}/warnings/', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + process.env.T, 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Guard door open', code: 'DOOR' }),
  }).then(async (r) => { console.log(r.status); process.exit(r.status === 201 ? 0 : 1); },
    (e) => { console.log(e.message); process.exit(1); });`;
  execFileSync('podman', ['exec', '-e', `T=${apiToken}`, WEB_CONTAINER, 'node', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const token = await managerToken();
  const apiToken = await apiClientToken(token);

  if (MODE === 'single') {
    await ensureMachine(token, 'CT-1');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await check(`sign in through the web port (${BASE}/signin) as ${EMAIL}`, async () => {
      await page.goto(`${BASE}/`);
      await page.waitForURL(/\/signin/, { timeout: 30_000 });
      await page.getByLabel('E-mail').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
      return new URL(page.url()).pathname;
    });
    await check(
      'the refresh cookie is HttpOnly, SameSite=Strict, not Secure over plain http',
      async () => {
        const cookie = (await context.cookies()).find((c) => c.name === 'sf_refresh');
        if (!cookie) throw new Error('no sf_refresh cookie');
        if (!cookie.httpOnly || cookie.sameSite !== 'Strict' || cookie.secure) {
          throw new Error(JSON.stringify(cookie));
        }
      },
    );
    await check('the board shows machine CT-1 and its live connection is online', async () => {
      await page.locator('[data-asset="CT-1"]').first().waitFor({ timeout: 30_000 });
      await page.locator('.live[data-state="online"]').first().waitFor({ timeout: 30_000 });
    });
    const before = await page
      .locator('[data-asset="CT-1"]')
      .first()
      .getAttribute('data-status')
      .catch(() => null);
    const t0 = Date.now();
    const posted = await check(
      'POST /api/machines/CT-1/warnings/ with an API token through the web port: 201',
      () => warnThroughWeb(apiToken, 'CT-1'),
    );
    if (posted) {
      await check(`the tile turns from ${before} to WARNING without a reload`, async () => {
        await page
          .locator('[data-asset="CT-1"][data-status="WARNING"]')
          .first()
          .waitFor({ timeout: LIVE_TIMEOUT_MS });
        return `${Date.now() - t0} ms after the POST`;
      });
    }
    await check('no page errors', async () => {
      if (problems.length > 0) throw new Error(problems.join('; '));
    });
    await context.close();
  } else {
    for (const code of ['CT-2', 'CT-3']) await ensureMachine(token, code);
    const { buildings } = await gql(`{ buildings { id name } }`, {}, token);
    const hall = buildings.find((b) => b.name === HALL);
    const { createDisplayLink } = await gql(
      `mutation ($i: CreateDisplayLinkInput!) { createDisplayLink(input: $i) { token } }`,
      { i: { name: 'Hall CT wall', buildingIds: [hall.id], chime: false } },
      token,
    );
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await check(
      'a display link opens on the wall screen page through the web port, live',
      async () => {
        await page.goto(`${BASE}/display#token=${encodeURIComponent(createDisplayLink.token)}`);
        await page.locator('.live[data-state="online"]').waitFor({ timeout: 30_000 });
      },
    );
    for (const [replica, code] of [
      ['server', 'CT-2'],
      ['server-2', 'CT-3'],
    ]) {
      const t0 = Date.now();
      const written = await check(
        `a warning on ${code} written through ${replica} directly: 201`,
        () => warnThroughReplica(apiToken, replica, code),
      );
      if (written) {
        await check(`the display shows ${code} as WARNING`, async () => {
          await page
            .locator(`[data-asset="${code}"][data-status="WARNING"]`)
            .waitFor({ timeout: LIVE_TIMEOUT_MS });
          return `${Date.now() - t0} ms after the write`;
        });
      }
    }
    await context.close();
  }
} catch (error) {
  fail(`browser check (${MODE}) stopped: ${String(error?.message ?? error).split('\n')[0]}`);
} finally {
  await browser.close();
}
process.exit(failures === 0 ? 0 : 1);
