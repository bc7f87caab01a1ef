import { ApiProperty } from '@nestjs/swagger';

export class WebhookTestDto {
  @ApiProperty({ example: 'msg_5121', description: 'The webhook-id header the test event carries' })
  webhookId: string;

  @ApiProperty({ example: 'webhook.test' })
  event: string;
}
