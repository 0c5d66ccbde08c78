import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { CapturedExchange } from '../control/capture';
import type { SandboxControl } from '../control/control-types';
import type { FaultConfig } from '../faults/fault-plan';
import { StoreError } from '../store/mailbox-store';
import type { SandboxState } from '../sandbox-state';

const CAPTURE_BUFFER = 1000;

/**
 * The control API over HTTP (`/_control/…`) for tests in other processes; every call
 * needs `Authorization: Bearer <control token>`. Mirrors SandboxControl one to one.
 */
export function createControlRouter(state: SandboxState, control: SandboxControl): Router {
  const router = express.Router();
  const captured: CapturedExchange[] = [];
  let stopCapture: (() => void) | undefined;

  router.use(express.json({ limit: '4mb' }));
  router.use((req, res, next) => {
    const given = Buffer.from(req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '');
    const expected = Buffer.from(state.controlToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).json({ error: 'control token required' });
      return;
    }
    next();
  });
  const p = (req: Request, name: string): string => String(req.params[name] ?? '');
  const body = (req: Request): Record<string, unknown> => (typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {});

  router.get('/mailboxes', (_req, res) => void res.json(control.listMailboxes()));
  router.post('/mailboxes', (req, res) => void res.status(201).json(control.addMailbox(body(req) as Parameters<SandboxControl['addMailbox']>[0])));
  router.put('/mailboxes/:smtp/impersonation', (req, res) => {
    control.grantImpersonation(p(req, 'smtp'));
    res.status(204).end();
  });
  router.delete('/mailboxes/:smtp/impersonation', (req, res) => {
    control.revokeImpersonation(p(req, 'smtp'));
    res.status(204).end();
  });
  router.get('/mailboxes/:smtp/folders', (req, res) => void res.json(control.listFolders(p(req, 'smtp'))));
  router.post('/mailboxes/:smtp/folders', (req, res) => void res.status(201).json(control.createFolder(p(req, 'smtp'), body(req) as Parameters<SandboxControl['createFolder']>[1])));
  router.get('/mailboxes/:smtp/folders/:folder/items', (req, res) => void res.json(control.listItems(p(req, 'smtp'), p(req, 'folder'))));
  router.post('/mailboxes/:smtp/items', (req, res) => void res.status(201).json(control.createItem(p(req, 'smtp'), body(req) as unknown as Parameters<SandboxControl['createItem']>[1])));
  router.get('/mailboxes/:smtp/items/:id', (req, res) => {
    const item = control.getItem(p(req, 'smtp'), p(req, 'id'));
    if (item) res.json(item);
    else res.status(404).json({ error: 'ErrorItemNotFound' });
  });
  router.patch('/mailboxes/:smtp/items/:id', (req, res) => void res.json(control.updateItem(p(req, 'smtp'), p(req, 'id'), body(req))));
  router.delete('/mailboxes/:smtp/items/:id', (req, res) => {
    const mode = req.query.mode;
    control.deleteItem(p(req, 'smtp'), p(req, 'id'), mode === 'HardDelete' || mode === 'SoftDelete' ? mode : 'MoveToDeletedItems');
    res.status(204).end();
  });
  router.put('/autodiscover-redirects/:from', (req, res) => {
    const to = body(req).to;
    control.setAutodiscoverRedirect(p(req, 'from'), typeof to === 'string' ? to : null);
    res.status(204).end();
  });
  router.put('/faults', (req, res) => {
    control.injectFaults(body(req) as FaultConfig);
    res.status(204).end();
  });
  router.delete('/faults', (_req, res) => {
    control.clearFaults();
    res.status(204).end();
  });
  router.put('/policy', (req, res) => {
    control.setPolicy(body(req));
    res.status(204).end();
  });
  router.post('/reset', (req, res) => {
    const seed = body(req).seed;
    control.reset({ seed: seed === 'demo' || seed === 'none' ? seed : undefined });
    captured.length = 0;
    res.status(204).end();
  });
  router.get('/counters', (_req, res) => void res.json(control.counters()));
  router.delete('/counters', (_req, res) => {
    control.resetCounters();
    res.status(204).end();
  });
  router.get('/sent', (_req, res) => void res.json(control.sentItems()));
  router.delete('/sent', (_req, res) => {
    control.clearSentItems();
    res.status(204).end();
  });
  // Capture over HTTP: start buffering, then fetch-and-clear (the last 1,000 exchanges).
  router.put('/capture', (_req, res) => {
    stopCapture ??= control.onCapture((exchange) => {
      captured.push(exchange);
      if (captured.length > CAPTURE_BUFFER) captured.shift();
    });
    res.status(204).end();
  });
  router.get('/capture', (_req, res) => void res.json(captured.splice(0, captured.length)));
  router.delete('/capture', (_req, res) => {
    stopCapture?.();
    stopCapture = undefined;
    captured.length = 0;
    res.status(204).end();
  });
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof StoreError) res.status(err.responseCode === 'ErrorNonExistentMailbox' || err.responseCode.endsWith('NotFound') ? 404 : 400).json({ error: err.responseCode, message: err.message });
    else if (err instanceof RangeError || err instanceof SyntaxError) res.status(400).json({ error: 'invalid-request', message: err.message });
    else next(err);
  });
  return router;
}
