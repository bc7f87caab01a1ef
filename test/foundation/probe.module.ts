import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { Public } from '../../apps/gateway/src/auth/auth.decorators.js';

class ProbeItemDto {
  @IsInt()
  @Min(1)
  quantity: number;
}

class ProbeDto {
  @IsString()
  @MinLength(3)
  name: string;

  @IsInt()
  @Min(1)
  @Max(100)
  count: number;

  @ValidateNested()
  @Type(() => ProbeItemDto)
  item: ProbeItemDto;
}

/**
 * Routes mounted only in tests, beside the real gateway, to exercise the real pipe and filter
 * on a POST body and on an unexpected crash.
 */
@Public()
@Controller('probe')
class ProbeController {
  @Post('echo')
  echo(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Get('crash')
  crash(): never {
    throw new Error('database password=hunter2 leaked in internals');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
