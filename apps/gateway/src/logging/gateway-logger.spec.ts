import pino from 'pino';
import { Writable } from 'node:stream';
import { GatewayLogger } from './gateway-logger.js';
import { bindCaller, requestContext } from './request-context.js';
import { REDACT_PATHS } from './redaction.js';
import { contextFields } from './request-context.js';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logger = new GatewayLogger(
    pino(
      { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, mixin: contextFields },
      stream,
    ),
  );
  return { logger, lines };
}

describe('GatewayLogger', () => {
  it('writes Nest-style calls as one structured line with its context', () => {
    const { logger, lines } = capture();
    logger.warn({ providerId: 3, apiKey: 'secret-key' }, 'Provider ejected', 'ProviderEjections');
    logger.log('plain message', 'Somewhere');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        context: 'ProviderEjections',
        providerId: 3,
        apiKey: '[redacted]',
        msg: 'Provider ejected',
      }),
      expect.objectContaining({ level: 30, context: 'Somewhere', msg: 'plain message' }),
    ]);
  });

  it('puts route mappings and module wiring at debug', () => {
    const { logger, lines } = capture();
    logger.log('Mapped {/v1/me, GET} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(lines).toEqual([]);
  });

  it('adds the request id and caller to every line written inside a request', () => {
    const { logger, lines } = capture();
    requestContext.run({ requestId: 'req-1' }, () => {
      logger.log('before auth', 'X');
      bindCaller({ partnerId: 7, tokenId: 9 });
      logger.log('after auth', 'X');
    });
    logger.log('outside', 'X');
    expect(lines.map((l) => [l.requestId, l.partnerId, l.tokenId])).toEqual([
      ['req-1', undefined, undefined],
      ['req-1', 7, 9],
      [undefined, undefined, undefined],
    ]);
  });

  it('holds back framework error lines until startup completes', () => {
    const { logger, lines } = capture();
    logger.error('listen EADDRINUSE', undefined, 'NestApplication');
    logger.startupComplete();
    logger.error('later', undefined, 'NestApplication');
    expect(lines.map((l) => l.msg)).toEqual(['later']);
  });
});
