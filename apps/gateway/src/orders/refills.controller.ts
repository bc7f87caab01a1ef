import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePartner } from '../auth/auth.decorators.js';
import { CurrentPartnerId } from '../partners/partner-isolation.js';
import { ApiIdParam, IdParam } from '../common/http/id-param.js';
import { RefillDto, toRefillDto } from './dto/refill.dto.js';
import { RefillsService } from './follow-ups/refills.service.js';

@ApiTags('orders')
@Controller('v1/refills')
export class RefillsController {
  constructor(private readonly refills: RefillsService) {}

  @Get(':id')
  @RequirePartner('orders:read')
  @ApiIdParam('id', 'Refill id')
  @ApiOperation({ operationId: 'getRefill', summary: 'Get a refill' })
  @ApiOkResponse({ type: RefillDto })
  getRefill(@CurrentPartnerId() partnerId: number, @IdParam('id') id: number): Promise<RefillDto> {
    return this.refills.get(partnerId, id).then(toRefillDto);
  }
}
