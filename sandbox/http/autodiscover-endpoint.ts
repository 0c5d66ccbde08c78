import type { IncomingMessage, ServerResponse } from 'node:http';
import { XmlParseError } from '../../server/src/xml/parse-xml';
import { authenticate } from '../auth/authenticate';
import { answerPox } from '../autodiscover/autodiscover-pox';
import { answerGetUserSettings, soapFault } from '../autodiscover/autodiscover-soap';
import type { SandboxState } from '../sandbox-state';
import { readBody } from './read-body';

/** POST /autodiscover/autodiscover.svc (SOAP) and /autodiscover/autodiscover.xml (POX); both need credentials, as on Exchange Online. */
export async function handleAutodiscover(state: SandboxState, kind: 'soap' | 'pox', ewsUrl: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { text, tooLarge } = await readBody(req, 1024 * 1024);
  if (!(await authenticate(state, req.headers.authorization))) {
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="sandbox", Bearer' }).end();
    return;
  }
  const ctx = { store: state.store, ewsUrl, deploymentId: state.deploymentId, redirects: state.autodiscoverRedirects };
  let answer: { status: number; body: string };
  if (kind === 'pox') answer = { status: 200, body: answerPox(ctx, tooLarge ? '' : text) };
  else {
    try {
      answer = tooLarge ? { status: 500, body: soapFault('a:InvalidRequest', 'The request is too large.') } : answerGetUserSettings(ctx, text);
    } catch (err) {
      if (!(err instanceof XmlParseError)) throw err;
      answer = { status: 500, body: soapFault('a:InvalidRequest', err.message) };
    }
  }
  state.capture.emit({ endpoint: kind === 'pox' ? 'autodiscover-pox' : 'autodiscover-soap', operation: kind === 'pox' ? 'Autodiscover' : 'GetUserSettings', mailbox: undefined, status: answer.status, requestXml: text, responseXml: answer.body });
  res.writeHead(answer.status, { 'Content-Type': 'text/xml; charset=utf-8' }).end(answer.body);
}
