import 'reflect-metadata';
import { loadConfigOrExit } from './config/load-env.js';
import { createGatewayApp } from './create-app.js';

const config = loadConfigOrExit();
const app = await createGatewayApp(config);
await app.listen({ port: config.http.port, host: config.http.host });
