import { Command, InvalidArgumentError } from 'commander';
import pino from 'pino';
import { startSandbox } from './index';
import { DEMO_USER_PASSWORD } from './seed/demo-content';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('not a port number');
  return port;
}

const program = new Command()
  .name('sandbox')
  .description('Exchange sandbox: EWS, Autodiscover and OAuth2 over TLS, for development and tests')
  .option('--port <port>', 'HTTPS port (0 = any free port)', parsePort, 8443)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--http-port <port>', 'also serve plain HTTP on this port', parsePort)
  .option('--seed <mode>', 'demo | none', 'none')
  .option('--fault-seed <n>', 'seed of the fault RNG', (v) => Number(v), 1)
  .parse();

const opts = program.opts<{ port: number; host: string; httpPort?: number; seed: string; faultSeed: number }>();
if (opts.seed !== 'demo' && opts.seed !== 'none') program.error('--seed must be demo or none');

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const sandbox = await startSandbox({ port: opts.port, host: opts.host, httpPort: opts.httpPort, seed: opts.seed === 'demo' ? 'demo' : 'none', logger, faultSeed: opts.faultSeed });

// The one deliberate console output: the banner a developer copies URLs and the
// sandbox's own throw-away credentials from. Nothing here is a real secret.
console.log(
  [
    'Exchange sandbox running (all credentials below are SANDBOX-ONLY, generated for this run)',
    `  EWS URL:               ${sandbox.ewsUrl}`,
    sandbox.httpEwsUrl ? `  EWS URL (plain HTTP):  ${sandbox.httpEwsUrl}` : undefined,
    `  Autodiscover (SOAP):   ${sandbox.autodiscoverSoapUrl}`,
    `  Autodiscover (POX):    ${sandbox.autodiscoverPoxUrl}`,
    `  OAuth2 authority:      ${sandbox.oauth.authority}`,
    `  OAuth2 token endpoint: ${sandbox.oauth.tokenEndpoint}`,
    `  OAuth2 tenant id:      ${sandbox.oauth.tenantId}`,
    `  OAuth2 client id:      ${sandbox.oauth.clientId}`,
    `  OAuth2 client secret:  ${sandbox.oauth.clientSecret}   (sandbox-only)`,
    `  Service account:       ${sandbox.basic.user}`,
    `  Service password:      ${sandbox.basic.password}   (sandbox-only)`,
    opts.seed === 'demo' ? `  Demo users' password:  ${DEMO_USER_PASSWORD}   (sandbox-only)` : undefined,
    `  Control token:         ${sandbox.controlToken}   (Authorization: Bearer … on /_control/…)`,
    `  CA certificate (trust it, e.g. curl --cacert):`,
    sandbox.caCertPem.trim(),
  ]
    .filter((line) => line !== undefined)
    .join('\n'),
);

const stop = (): void => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
