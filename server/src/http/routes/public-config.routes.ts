import { Router } from 'express';
import type { PublicConfigBody } from '../../../../shared/public-config.schema';

/** `GET /api/public-config`: the one unauthenticated API route (the pane needs it to sign in). */
export function publicConfigRoutes(body: PublicConfigBody): Router {
  const router = Router();
  router.get('/public-config', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json(body);
  });
  return router;
}
