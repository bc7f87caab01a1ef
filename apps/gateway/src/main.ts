import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from './config/app-config.js';
import { loadConfigFromProcess } from './config/load-env.js';
import { createGatewayApp } from './create-app.js';
import { GatewayLogger } from './logging/gateway-logger.js';
import { classifyStartupError, exitWith, listeningLine } from './startup.js';

// Each startup failure is one JSON line and a documented exit code (README, "Operating it").
let config: AppConfig;
try {
  config = loadConfigFromProcess();
} catch (error) {
  exitWith(classifyStartupError(error, 'config'));
}
let app: NestFastifyApplication;
try {
  app = await createGatewayApp(config);
} catch (error) {
  exitWith(classifyStartupError(error, 'boot', config));
}
try {
  await app.listen({ port: config.http.port, host: config.http.host });
} catch (error) {
  exitWith(classifyStartupError(error, 'listen', config));
}
const logger = app.get(GatewayLogger);
logger.startupComplete();
logger.log(listeningLine(app, config), 'Gateway');
