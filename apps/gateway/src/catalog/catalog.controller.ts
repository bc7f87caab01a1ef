import { Body, Get, Post, Put, Query } from '@nestjs/common';

import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { AdminController } from '../common/http/admin-route.js';
import { Endpoint } from '../common/http/endpoint.js';
import { PatternParam } from '../common/http/id-param.js';
import { CatalogDocumentService } from './catalog-document.service.js';
import { CatalogSuggestionsService } from './catalog-suggestions.service.js';
import { CatalogApplyResultDto, CatalogDocumentDto } from './dto/catalog-document.dto.js';
import { AdminServiceDto } from './dto/service.dto.js';
import {
  ApplySuggestionDto,
  CatalogSuggestionDto,
  ListSuggestionsQueryDto,
} from './dto/suggestion.dto.js';

@AdminController('admin: catalog', 'catalog')
export class CatalogController {
  constructor(
    private readonly documents: CatalogDocumentService,
    private readonly suggestions: CatalogSuggestionsService,
  ) {}

  // The whole mapping as one document (active services, by id).
  @Get()
  @Endpoint({ summary: 'Export the catalog document', type: CatalogDocumentDto })
  getCatalog(): Promise<CatalogDocumentDto> {
    return this.documents.export();
  }

  // Makes the catalog exactly the document; validated as a whole, idempotent.
  @Put()
  @Endpoint({
    summary: 'Apply a catalog document (unlisted services are retired)',
    type: CatalogApplyResultDto,
    errors: { catalog_invalid: 'the document has problems (each listed); nothing changed' },
  })
  applyCatalog(
    @Body() doc: CatalogDocumentDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<CatalogApplyResultDto> {
    return this.documents.apply(doc, p.actor);
  }

  // Groups of unmapped offers across providers that look like one service.
  @Get('suggestions')
  @Endpoint({
    summary: 'Suggest services from unmapped offers',
    type: [CatalogSuggestionDto],
  })
  listCatalogSuggestions(@Query() query: ListSuggestionsQueryDto): Promise<CatalogSuggestionDto[]> {
    return this.suggestions.list(query.limit);
  }

  // Creates the suggested service, mapped to the group's offers.
  @Post('suggestions/:key/apply')
  @Endpoint({
    summary: 'Apply a suggestion: create the service and its mapping',
    type: AdminServiceDto,
    status: 201,
    errors: {
      not_found: 'no such suggestion (any more)',
      service_name_taken: 'a service with this name exists',
    },
  })
  applyCatalogSuggestion(
    @PatternParam('key', /^[0-9a-f]{16}$/, 'key must be 16 hexadecimal characters') key: string,
    @Body() dto: ApplySuggestionDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AdminServiceDto> {
    return this.suggestions.apply(key, dto, p.actor);
  }
}
