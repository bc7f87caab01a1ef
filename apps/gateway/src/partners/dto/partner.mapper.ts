import type { PartnerEntity } from '../partner.entity.js';
import type { PartnerDto } from './partner.dto.js';

export interface PartnerWithBalance {
  partner: PartnerEntity;
  balance: string;
}

export const toPartnerDto = ({ partner, balance }: PartnerWithBalance): PartnerDto => ({
  id: partner.id,
  name: partner.name,
  currency: partner.currency,
  markupPercent: partner.markupPercent,
  requestsPerMinute: partner.requestsPerMinute,
  status: partner.status,
  balance,
  createdAt: partner.createdAt.toISOString(),
  suspendedAt: partner.suspendedAt?.toISOString() ?? null,
});
