import { expect, test } from '@playwright/test';
import { appUrl } from './app';

test('an API call without the token is refused, and nothing is returned', async ({ request }) => {
  const res = await request.post(`${appUrl()}api/document.current`, { data: {} });
  expect(res.status()).toBe(401);
  const body = (await res.json()) as { ok: boolean; error: { code: string } };
  expect(body.ok).toBe(false);
  expect(body.error.code).toBe('unauthorized');
});

test('an API call from a foreign Origin is refused even with the right token', async ({ page, request }) => {
  // The page carries the per-start token in a meta tag; a hostile page elsewhere would not have
  // it, but even a leaked token must not work from another origin.
  await page.goto(appUrl());
  const token = await page.locator('meta[name="rcs-token"]').getAttribute('content');
  expect(token).toMatch(/^[0-9a-f]{64}$/);
  const res = await request.post(`${appUrl()}api/document.current`, {
    data: {},
    headers: { 'X-RCS-Token': token ?? '', Origin: 'http://evil.example' },
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { ok: boolean }).ok).toBe(false);

  // The same call from our own origin with the token works, so the refusal above is the Origin's.
  const ok = await request.post(`${appUrl()}api/app.info`, {
    data: {},
    headers: { 'X-RCS-Token': token ?? '', Origin: appUrl().replace(/\/$/, '') },
  });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
});
