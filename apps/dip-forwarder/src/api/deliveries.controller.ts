import { validateMessage } from '@halfhour/contracts';
import { Clock } from '@halfhour/domain';
import { Operator, OperatorIdentity, OperatorWrite } from '@halfhour/observability';
import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CLOCK } from '../dip-forwarder.runtime';
import { Redelivery } from '../outbox/redelivery';
import { RedeliverDayRequest, ResendRefusedRequest } from './redelivery.request';

/**
 * Operator API of the forwarder: re-deliver a settlement day to the DIP, re-send what it refused;
 * each audited (`GET /operator-actions`). A bad body: 400 `INVALID_REQUEST`.
 */
@Controller('deliveries')
export class DeliveriesController {
  constructor(
    private readonly redelivery: Redelivery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('redeliver')
  @OperatorWrite()
  @HttpCode(200)
  async redeliver(@Body() body: unknown, @Operator() operator: OperatorIdentity) {
    const request = valid(RedeliverDayRequest, body);
    return this.redelivery.redeliverDay(request.settlementDate, { requestedBy: operator.name, reason: request.reason }, this.clock.now());
  }

  @Post('resend-refused')
  @OperatorWrite()
  @HttpCode(200)
  async resendRefused(@Body() body: unknown, @Operator() operator: OperatorIdentity) {
    const request = valid(ResendRefusedRequest, body);
    return this.redelivery.resendRefused(request.settlementDate, { requestedBy: operator.name, reason: request.reason }, this.clock.now());
  }
}

function valid<T extends object>(type: new () => T, body: unknown): T {
  const validation = validateMessage(type, body);
  if (!validation.ok) throw new BadRequestException({ reasonCode: 'INVALID_REQUEST', message: validation.rejection.message });
  return validation.value;
}
