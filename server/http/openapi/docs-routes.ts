/**
 * The API reference:
 *   GET /api/openapi.json    the OpenAPI document (behind the token, like all of /api)
 *   GET /docs                Swagger UI, public: it shows the API's shape, no data
 *   GET /docs/openapi.json   the same document, for that page
 *   GET /docs/<asset>        Swagger UI's own files from the swagger-ui-dist package (no CDN)
 * "Authorize" takes a bearer token; the page fills in the dashboard's saved
 * token (localStorage `pdm.token`) when there is one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { TOKEN_STORAGE_KEY } from '../../../dashboard/src/lib/auth-token';
import { errorBody } from '../errors';
import type { OpenApiDocument } from './openapi-document';

/** Files of swagger-ui-dist the page loads, with their content types. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

export const swaggerUiDir = (): string => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PdM work orders · API reference</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
<style>body { margin: 0; } .swagger-ui .topbar { display: none; }</style>
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script src="/docs/docs-init.js"></script>
</body>
</html>
`;

/** Starts Swagger UI on the local document and fills in the dashboard's token for "Authorize". */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  var ui = SwaggerUIBundle({
    url: '/docs/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    tryItOutEnabled: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'BaseLayout',
    onComplete: function () {
      var token = null;
      try { token = window.localStorage.getItem(${JSON.stringify(TOKEN_STORAGE_KEY)}); } catch (e) {}
      if (token) ui.preauthorizeApiKey('bearerAuth', token);
    }
  });
  window.ui = ui;
});
`;

/** GET /openapi.json, mounted under /api. */
export function openApiRoutes(document: () => OpenApiDocument) {
  return new Hono().get('/openapi.json', (c) => c.json(document()));
}

/** The public reference page and its assets under /docs. */
export function docsRoutes(document: () => OpenApiDocument, assetDir: string = swaggerUiDir()) {
  const files = new Map<string, Buffer>();
  const asset = (name: string): Buffer => {
    let file = files.get(name);
    if (!file) files.set(name, (file = readFileSync(join(assetDir, name))));
    return file;
  };
  return new Hono()
    .get('/docs', (c) => c.html(PAGE))
    .get('/docs/', (c) => c.html(PAGE))
    .get('/docs/openapi.json', (c) => c.json(document()))
    .get('/docs/docs-init.js', (c) => c.body(INIT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/docs/:file', (c) => {
      const name = c.req.param('file');
      const type = ASSETS[name];
      if (!type) return c.json(errorBody('not-found', `no file ${c.req.path}`), 404);
      return c.body(new Uint8Array(asset(name)), 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
    });
}
