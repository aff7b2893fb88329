import { validateMessage } from '@halfhour/contracts';
import { Clock, invalidShares, PROVIDER_KEY_PATTERN } from '@halfhour/domain';
import { Operator, OperatorIdentity, OperatorWrite } from '@halfhour/observability';
import { BadRequestException, Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { CapacityBook } from '../capacity/capacity-book';
import { CapacityChangeRequest } from '../capacity/capacity-change.request';
import { CapacityChanges } from '../capacity/capacity-changes';
import { ProviderOutages } from '../capacity/provider-outages';
import { CLOCK } from '../scheduler.tokens';

/**
 * Operator API: the capacity in force per provider (an outage's cut included, and the providers
 * held out), and changing it at run time — persisted, audited, and the rest of the provider's
 * plan re-made from the next slot within the new figures.
 */
@Controller('capacity')
export class CapacityController {
  constructor(
    private readonly book: CapacityBook,
    private readonly changes: CapacityChanges,
    private readonly outages: ProviderOutages,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async current() {
    const out = await this.outages.out();
    return { ...(await this.book.current()), outages: [...out].map(([provider, since]) => ({ provider, since })) };
  }

  @Get('changes')
  async audit(@Query('provider') provider?: string) {
    return this.book.changes(provider, 1000);
  }

  @Put(':provider')
  @OperatorWrite()
  async change(@Param('provider') provider: string, @Body() body: unknown, @Operator() operator: OperatorIdentity) {
    if (!PROVIDER_KEY_PATTERN.test(provider)) {
      throw new BadRequestException({ reasonCode: 'INVALID_PROVIDER', message: `"${provider}" is not a provider: CSP-NORTH, CSP-CENTRAL, CSP-SOUTH or S1SP-<id>` });
    }
    const validation = validateMessage(CapacityChangeRequest, body);
    if (!validation.ok) throw new BadRequestException({ reasonCode: 'INVALID_CAPACITY', message: validation.rejection.message });
    const { reason, periods, ...capacity } = validation.value;
    const backwards = (periods ?? []).find((p) => p.toMinute <= p.fromMinute);
    if (backwards) throw new BadRequestException({ reasonCode: 'INVALID_CAPACITY', message: `a period must end after it starts (${backwards.fromMinute}–${backwards.toMinute})` });
    const shares = invalidShares(capacity);
    if (shares) throw new BadRequestException({ reasonCode: 'INVALID_CAPACITY', message: shares });
    return this.changes.change(provider, { ...capacity, ...(periods ? { periods: periods.map((p) => ({ ...p })) } : {}) }, { changedBy: operator.name, reason }, this.clock.now());
  }
}
