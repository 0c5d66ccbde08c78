import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { ExchangeError } from '../exchange-error';
import { errorFromNetworkFailure } from './error-map';

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  /** Bytes; a larger answer is cut off and fails instead of filling memory. */
  readonly maxResponseBytes: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/** The seam tests replace: anything that performs one HTTP exchange. Redirects are not followed. */
export type HttpRequestFn = (request: HttpRequest) => Promise<HttpResponse>;

export interface HttpClientOptions {
  /** Extra trusted CA certificates (PEM), e.g. the sandbox's test CA or an internal PKI. */
  readonly caCertPem?: string | readonly string[];
  readonly maxSockets?: number;
}

export interface HttpClient {
  readonly request: HttpRequestFn;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

/**
 * `node:https` with keep-alive agents: a sync run makes thousands of calls to one
 * server, and a TLS handshake per call would dominate. Node's fetch cannot take a
 * custom CA without undici, hence plain `https`.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const ca = options.caCertPem === undefined ? undefined : typeof options.caCertPem === 'string' ? [options.caCertPem] : [...options.caCertPem];
  const maxSockets = options.maxSockets ?? 16;
  // Adding a CA must not drop the system roots: Node replaces them when `ca` is given.
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets, ca: ca ? [...tls.rootCertificates, ...ca] : undefined });
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    request: (request) => sendRequest(request, request.url.startsWith('https:') ? httpsAgent : httpAgent),
    close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}

function sendRequest(request: HttpRequest, agent: http.Agent): Promise<HttpResponse> {
  const url = new URL(request.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return Promise.reject(new ExchangeError('invalid-request', `Unsupported URL scheme ${url.protocol}`));
  }
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      reject(errorFromNetworkFailure(err));
    };
    const req = send(url, { method: request.method, headers: withLength(request), agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxResponseBytes) {
          fail(new ExchangeError('unknown', `Response larger than ${request.maxResponseBytes} bytes`, { code: 'RESPONSE_TOO_LARGE' }));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new ExchangeError('temporary', 'The server closed the connection mid-response', { code: 'ECONNRESET' })));
    });
    req.setTimeout(request.timeoutMs, () => {
      fail(new ExchangeError('temporary', `No answer within ${request.timeoutMs} ms`, { code: 'ETIMEDOUT' }));
      req.destroy();
    });
    req.on('error', fail);
    req.end(request.body);
  });
}

function withLength(request: HttpRequest): Record<string, string> {
  return request.body === undefined ? { ...request.headers } : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
