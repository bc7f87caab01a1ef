// The README example of @smm-gateway/sdk, as a user writes it in their own project.
import {
  createGatewayClient,
  GatewayProblemError,
  unwrap,
  withIdempotencyKey,
} from '@smm-gateway/sdk';

declare const process: { env: Record<string, string | undefined>; exitCode?: number };

const client = createGatewayClient({ baseUrl: process.env.GW!, token: process.env.TOKEN! });

// The partner's price list.
const services = unwrap(await client.GET('/v1/services'));
const service = services[0]!;
console.log(`service ${service.id}: ${service.name} at ${service.rate} per 1000`);

// An order, safe to resend with the same key.
const order = unwrap(
  await client.POST('/v1/orders', {
    body: { serviceId: service.id, link: 'https://instagram.com/p/sdk', quantity: 1000 },
    ...withIdempotencyKey(),
  }),
);
const read = unwrap(await client.GET('/v1/orders/{id}', { params: { path: { id: order.id } } }));
console.log(`order ${read.id}: ${read.status}, charged ${read.charge}`);

// A refusal is a typed problem: here, a quantity no offer accepts.
try {
  unwrap(
    await client.POST('/v1/orders', {
      body: { serviceId: service.id, link: 'https://instagram.com/p/sdk', quantity: 1 },
    }),
  );
} catch (error) {
  if (!(error instanceof GatewayProblemError)) throw error;
  console.log(`refused: ${error.status} ${error.code}`);
}
