import { Hono } from 'hono';
import type { LineService } from './line-service';

/** GET /lines (mounted under /api). */
export function lineRoutes(lines: LineService) {
  return new Hono().get('/lines', (c) => c.json(lines.list()));
}
