import express, { type Express } from 'express';
import type { SandboxControl } from '../control/control-types';
import type { SandboxState } from '../sandbox-state';
import { createControlRouter } from './control-routes';
import { handleEws, type HeldConnections } from './ews-endpoint';
import { createOAuthRouter } from './oauth-routes';
import { handleAutodiscover } from './autodiscover-endpoint';

export interface AppParts {
  readonly state: SandboxState;
  readonly control: SandboxControl;
  readonly held: HeldConnections;
  readonly baseUrl: () => string;
}

/** One app for both listeners (HTTPS, optional plain HTTP): EWS, Autodiscover, OAuth2, control. */
export function createSandboxApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.post('/EWS/Exchange.asmx', (req, res, next) => {
    handleEws(parts.state, req, res, parts.held).catch(next);
  });
  app.post('/autodiscover/autodiscover.svc', (req, res, next) => {
    handleAutodiscover(parts.state, 'soap', `${parts.baseUrl()}/EWS/Exchange.asmx`, req, res).catch(next);
  });
  app.post('/autodiscover/autodiscover.xml', (req, res, next) => {
    handleAutodiscover(parts.state, 'pox', `${parts.baseUrl()}/EWS/Exchange.asmx`, req, res).catch(next);
  });
  app.use('/_control', createControlRouter(parts.state, parts.control));
  app.use(createOAuthRouter(parts.state, parts.baseUrl));
  return app;
}
