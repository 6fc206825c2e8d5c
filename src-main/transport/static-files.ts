/**
 * Maps a URL path to a file of the built renderer (out/renderer), for the app:// protocol and the
 * browser-mode HTTP server alike. Nothing outside the renderer folder can be reached.
 */
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The absolute path of the file that `urlPathname` names inside `rootDir`, or null when the path
 * is malformed or would leave the folder. "/" and "" mean index.html.
 */
export function resolveStaticPath(rootDir: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${relative.startsWith('/') ? '' : '/'}${relative}`);
  if (!file.startsWith(root + path.sep)) return null;
  return file;
}

export function isIndexHtml(rootDir: string, file: string): boolean {
  return path.resolve(file) === path.resolve(rootDir, 'index.html');
}
