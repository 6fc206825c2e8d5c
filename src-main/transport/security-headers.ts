/**
 * Security headers shared by both ways of serving the renderer: the Electron app:// protocol and
 * the browser-mode HTTP server. The renderer is a Vite build: scripts and styles come from files
 * of our own origin, never inline, and the app never talks to the network.
 */

/**
 * Strict Content-Security-Policy. `data:` is allowed for images and fonts only, because Vite
 * inlines small assets as data URLs. `connect-src 'self'` lets browser mode call its own /api.
 * `worker-src 'self'` lets the window start the engine's module worker from a file of its own
 * origin (never a blob: or data: URL); the worker's file is served with this same policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers sent with every response (static files and API replies). Never any CORS header. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
};
