import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { CurrencyRates } from '../partners/pricing/currency-rates.js';
import { PricingService } from '../partners/pricing/pricing.service.js';
import { Endpoint } from '../common/http/endpoint.js';
import { IdParam } from '../common/http/id-param.js';
import { ListServicesQueryDto, OrderableServiceDto } from './dto/service.dto.js';
import { toServiceDto } from './routing.mappers.js';
import { PriceListCache } from './price-list-cache.js';
import { RoutingService } from './routing.service.js';

@ApiTags('services')
@Controller('v1/services')
export class ServicesController {
  constructor(
    private readonly routing: RoutingService,
    private readonly pricing: PricingService,
    private readonly rates: CurrencyRates,
    private readonly cache: PriceListCache,
  ) {}

  // Services that can be ordered now, at the caller's prices.
  @Get()
  @Endpoint({
    summary: 'List orderable services',
    description:
      "At least one offer is eligible. The price is the routed cost × (1 + markup), in the partner's " +
      'currency, rounded up at 5 decimals. Tokens without a partner see cost prices in the base currency.',
    type: [OrderableServiceDto],
    auth: { scope: 'services:read' },
  })
  @Header('Content-Type', 'application/json; charset=utf-8')
  async listServices(
    @Query() query: ListServicesQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<string> {
    // Served pre-serialized from the cache while nothing it depends on changed (price-list-cache.ts).
    const now = Date.now();
    const snapshot = await this.routing.snapshot(now);
    const termsVersion = this.pricing.version;
    const key = JSON.stringify([principal.partnerId, query.type, query.category, query.text]);
    const cached = this.cache.get(key, snapshot, termsVersion, now);
    if (cached !== null) return cached;
    const entries = await this.routing.catalog(query, now, snapshot);
    const prices = await this.pricing.quote(
      principal.partnerId,
      entries.map((e) => e.summary.rate),
      this.rates,
    );
    const body = JSON.stringify(
      entries.map((e, i) => toServiceDto(e, prices.currency, prices.rates[i]!)),
    );
    this.cache.set(key, { snapshot, termsVersion, at: now, body });
    return body;
  }

  // One orderable service.
  @Get(':id')
  @Endpoint({
    summary: 'Get an orderable service',
    type: OrderableServiceDto,
    auth: { scope: 'services:read' },
    errors: { not_found: 'unknown, retired, or no eligible offer now' },
  })
  async getService(
    @IdParam() id: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderableServiceDto> {
    const entry = await this.routing.catalogEntry(id);
    const prices = await this.pricing.quote(principal.partnerId, [entry.summary.rate], this.rates);
    return toServiceDto(entry, prices.currency, prices.rates[0]!);
  }
}
