import { ApiProperty } from '@nestjs/swagger';

const money = (description: string) => ({ type: String, description, example: '12.5' });
const nullableMoney = (description: string) => ({ ...money(description), nullable: true });

export class RevenueDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty(money('Charged to partners in this currency')) charged: string;
  @ApiProperty(money('Refunded to partners (Partial/Canceled)')) refunded: string;
  @ApiProperty(money('charged − refunded')) net: string;
}

export class UpstreamCostSumDto {
  @ApiProperty(money("Expected upstream cost net of the upstream's refunds, base currency"))
  expected: string;
  @ApiProperty(money('What upstreams reported charging (orders with a report), base currency'))
  reported: string;
  @ApiProperty({ description: 'Orders whose upstream reported a charge' })
  reportedOrders: number;
}

export class MarginFiguresDto {
  @ApiProperty() orders: number;
  @ApiProperty({ type: [RevenueDto], description: 'Revenue per partner currency' })
  revenue: RevenueDto[];
  @ApiProperty(money('Net revenue converted at each order’s rate, base currency'))
  revenueBase: string;
  @ApiProperty({ type: UpstreamCostSumDto }) upstreamCost: UpstreamCostSumDto;
  @ApiProperty(money('revenueBase − upstreamCost.expected')) margin: string;
  @ApiProperty(
    nullableMoney('margin ÷ revenueBase × 100, 4 decimals (half even); null without revenue'),
  )
  marginPercent: string | null;
  @ApiProperty(money('revenueBase − (reported charge where reported, else expected cost)'))
  marginOnReported: string;
}

export class MarginGroupDto extends MarginFiguresDto {
  @ApiProperty({ description: 'Day (YYYY-MM-DD, UTC) or partner/service/provider id' })
  key: string;
  @ApiProperty({ type: String, nullable: true, description: 'Partner/service/provider name' })
  label: string | null;
}

export class ReportRangeDto {
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty({ type: String, nullable: true }) to: string | null;
  @ApiProperty({ example: 'USD' }) baseCurrency: string;
}

export class MarginReportDto extends ReportRangeDto {
  @ApiProperty({ enum: ['day', 'partner', 'service', 'provider'] }) groupBy: string;
  @ApiProperty({ type: [MarginGroupDto] }) groups: MarginGroupDto[];
  @ApiProperty({ type: MarginFiguresDto }) totals: MarginFiguresDto;
}

export class SavingsFiguresDto {
  @ApiProperty() orders: number;
  @ApiProperty({ description: 'Orders that had an eligible alternative' })
  ordersWithAlternative: number;
  @ApiProperty(money('What the chosen offers cost at placement, base currency'))
  chosenCost: string;
  @ApiProperty(
    money('What the next-best eligible offers would have cost (the chosen one when none)'),
  )
  nextBestCost: string;
  @ApiProperty(money('What the most expensive eligible offers would have cost'))
  mostExpensiveCost: string;
  @ApiProperty(money('nextBestCost − chosenCost')) savedVsNextBest: string;
  @ApiProperty(money('mostExpensiveCost − chosenCost')) savedVsMostExpensive: string;
}

export class SavingsGroupDto extends SavingsFiguresDto {
  @ApiProperty() key: string;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
}

export class SavingsReportDto extends ReportRangeDto {
  @ApiProperty({ enum: ['day', 'partner', 'service', 'provider'] }) groupBy: string;
  @ApiProperty({ type: [SavingsGroupDto] }) groups: SavingsGroupDto[];
  @ApiProperty({ type: SavingsFiguresDto }) totals: SavingsFiguresDto;
}

export class BalanceMovementDto {
  @ApiProperty() firstObservedAt: string;
  @ApiProperty() lastObservedAt: string;
  @ApiProperty(money('Balance at the first observation (upstream currency)'))
  balanceAtFirst: string;
  @ApiProperty(money('Balance at the last observation')) balanceAtLast: string;
  @ApiProperty(money('balanceAtFirst − balanceAtLast')) observedSpend: string;
  @ApiProperty(money('Expected spend of orders created between the two observations'))
  expectedSpend: string;
  @ApiProperty(money('observedSpend − expectedSpend')) drift: string;
}

export class ProviderSpendDto {
  @ApiProperty() providerId: number;
  @ApiProperty({ type: String, nullable: true }) providerName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR' }) currency: string | null;
  @ApiProperty() orders: number;
  @ApiProperty(money('Expected spend, upstream currency')) expectedSpend: string;
  @ApiProperty(money('Expected spend, base currency')) expectedSpendBase: string;
  @ApiProperty(money('Reported spend (orders with a report), upstream currency'))
  reportedSpend: string;
  @ApiProperty(money('Reported spend, base currency')) reportedSpendBase: string;
  @ApiProperty() reportedOrders: number;
  @ApiProperty({ description: 'Orders flagged chargeMismatch' }) mismatchedOrders: number;
  @ApiProperty({
    type: BalanceMovementDto,
    nullable: true,
    description: 'null until the balance refresh observed the balance twice in the range',
  })
  balance: BalanceMovementDto | null;
}

export class UpstreamSpendReportDto extends ReportRangeDto {
  @ApiProperty({ type: [ProviderSpendDto] }) providers: ProviderSpendDto[];
}

export class PartnerSpendGroupDto {
  @ApiProperty({ description: 'Day (YYYY-MM-DD, UTC) or service id' }) key: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty() orders: number;
  @ApiProperty(money('Charged for these orders')) charged: string;
  @ApiProperty(money('Refunded (failed, Partial, Canceled)')) refunded: string;
  @ApiProperty(money('charged − refunded')) spent: string;
}

export class PartnerSpendReportDto {
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty({ type: String, nullable: true }) to: string | null;
  @ApiProperty({ enum: ['day', 'service'] }) groupBy: string;
  @ApiProperty({ type: [PartnerSpendGroupDto] }) groups: PartnerSpendGroupDto[];
}
