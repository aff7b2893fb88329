import { findMpanCoreProblem, isValidEui64 } from '@halfhour/domain';
import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { AccessRepository, DecisionRecord } from '../view/access-repository';

const MAX_LIMIT = 1000;

/**
 * The audit trail of access decisions (R-ACL-7), newest first: by user, by MPAN, and by time.
 * `GET /audit?userId=…&mpan=…&since=…&until=…&limit=…`; every parameter optional.
 */
@Controller('audit')
export class AuditController {
  constructor(private readonly repository: AccessRepository) {}

  @Get()
  async query(
    @Query('userId') userId?: string,
    @Query('mpan') mpan?: string,
    @Query('since') since?: string,
    @Query('until') until?: string,
    @Query('limit') limit?: string,
  ): Promise<{ decisions: DecisionRecord[] }> {
    if (userId !== undefined && !isValidEui64(userId)) throw badRequest('INVALID_USER_ID', `"${userId}" is not an EUI-64 user ID`);
    if (mpan !== undefined && findMpanCoreProblem(mpan)) throw badRequest('INVALID_MPAN', `"${mpan}" is not an MPAN core`);
    const decisions = await this.repository.audit({
      ...(userId ? { userId } : {}),
      ...(mpan ? { mpan } : {}),
      ...(since ? { since: instant('since', since) } : {}),
      ...(until ? { until: instant('until', until) } : {}),
      limit: limitOf(limit),
    });
    return { decisions };
  }
}

function instant(name: string, text: string): Date {
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) throw badRequest('INVALID_DATE', `${name}="${text}" is not an ISO 8601 instant`);
  return parsed;
}

function limitOf(text: string | undefined): number {
  if (text === undefined) return 100;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest('INVALID_LIMIT', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  return limit;
}

function badRequest(reasonCode: string, message: string): BadRequestException {
  return new BadRequestException({ reasonCode, message });
}
