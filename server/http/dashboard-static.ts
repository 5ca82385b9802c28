/**
 * The built dashboard (vite output: index.html + assets/) at `/`. Paths that
 * are not files get index.html, so the dashboard's own routes survive a
 * reload. Without a build, every page says how to make one. /api and /docs
 * (the API reference) are left to their own routes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dashboard not built</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem; max-width: 40rem">
<h1>The dashboard is not built yet</h1>
<p>Run <code>npm run build:dashboard</code> and reload this page. The API is already up at <a href="/api/health">/api/health</a>.</p>
</body></html>`;

export function dashboardRoutes(dashboardDir: string | undefined) {
  let files: MiddlewareHandler | undefined;
  let spaIndex: MiddlewareHandler | undefined;
  return new Hono().get('*', async (c, next) => {
    if (/^\/(api|docs)(\/|$)/.test(c.req.path)) return next();
    // Checked per request, so a dashboard built while the server runs shows up on reload.
    if (!dashboardDir || !existsSync(join(dashboardDir, 'index.html'))) return c.html(NOT_BUILT, 503);
    files ??= serveStatic({ root: dashboardDir });
    spaIndex ??= serveStatic({ root: dashboardDir, path: 'index.html' });
    const isAsset = c.req.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(c.req.path);
    const nothing = async () => {};
    const file = await files(c, nothing);
    if (file) return file;
    if (isAsset) return next();
    return (await spaIndex(c, nothing)) ?? next();
  });
}
