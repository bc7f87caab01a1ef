import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.js';
import { ApiIdParam, IdParam } from '../common/http/id-param.js';
import { CurrentPartnerId } from '../partners/partner-isolation.js';
import { RefillDto, toRefillDto } from './dto/refill.dto.js';
import { RefillsService } from './follow-ups/refills.service.js';

@ApiTags('orders')
@Controller('v1/refills')
export class RefillsController {
  constructor(private readonly refills: RefillsService) {}

  @Get(':id')
  @ApiIdParam('id', 'Refill id')
  @Endpoint({ summary: 'Get a refill', type: RefillDto, auth: { partner: 'orders:read' } })
  getRefill(@CurrentPartnerId() partnerId: number, @IdParam('id') id: number): Promise<RefillDto> {
    return this.refills.get(partnerId, id).then(toRefillDto);
  }
}
