import { expect, test } from '@playwright/test';

const url = (): string => {
  const u = process.env.RCS_E2E_URL;
  if (!u) throw new Error('RCS_E2E_URL is not set: the global setup did not start the server');
  return u;
};

test('an API call without the token is refused, and nothing is returned', async ({ request }) => {
  const res = await request.post(`${url()}api/document.current`, { data: {} });
  expect(res.status()).toBe(401);
  const body = (await res.json()) as { ok: boolean; error: { code: string } };
  expect(body.ok).toBe(false);
  expect(body.error.code).toBe('unauthorized');
});

test('an API call from a foreign Origin is refused even with the right token', async ({ page, request }) => {
  // The page carries the per-start token in a meta tag; a hostile page elsewhere would not have
  // it, but even a leaked token must not work from another origin.
  await page.goto(url());
  const token = await page.locator('meta[name="rcs-token"]').getAttribute('content');
  expect(token).toMatch(/^[0-9a-f]{64}$/);
  const res = await request.post(`${url()}api/document.current`, {
    data: {},
    headers: { 'X-RCS-Token': token ?? '', Origin: 'http://evil.example' },
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { ok: boolean }).ok).toBe(false);

  // The same call from our own origin with the token works, so the refusal above is the Origin's.
  const ok = await request.post(`${url()}api/app.info`, {
    data: {},
    headers: { 'X-RCS-Token': token ?? '', Origin: url().replace(/\/$/, '') },
  });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
});
