import { MARKET_ROLES, MarketRole, REQUEST_PURPOSES, RequestPurpose } from '@halfhour/domain';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { IsEui64, IsIsoDate, IsMpanCore, IsMpid, IsRequestId, IsUtcInstant } from '../../validators/domain-validators';
import { CONSENT_REFERENCE, ReadLogPeriodDto } from '../service-request/service-request.message';

export class RequesterDto {
  @IsEui64()
  userId!: string;

  @IsIn(MARKET_ROLES)
  role!: MarketRole;

  /** The organisation the user acts for: what entitlement is checked against. */
  @IsMpid()
  mpid!: string;

  /** The DSPScheduleID or request ID the read is for. */
  @IsString()
  @Length(1, 120)
  origin!: string;

  /** The request that asked for it (for a schedule, its 5.1): responses to the user name it. */
  @IsRequestId()
  requestId!: string;

  /** An Other User's consent reference from its authorised request: entitlement is checked with it again at dispatch. */
  @IsOptional()
  @Matches(CONSENT_REFERENCE)
  consentReference?: string;

  /** What the requester's data is for: it decides whether the data goes to the DIP (routeData). Absent: MHHS, as a version-1 request means. */
  @IsOptional()
  @IsIn(REQUEST_PURPOSES)
  purpose?: RequestPurpose;
}

/**
 * Why a read is made: an MHHS schedule's daily run, a user's on-demand request, a backstop after a
 * failure (R-SCH-5), or a BAU schedule's daily run (a schedule whose request's purpose is BAU).
 */
export const READ_KINDS = ['SCHEDULED', 'ON_DEMAND', 'BACKSTOP', 'BAU'] as const;
export type ReadKind = (typeof READ_KINDS)[number];

/** What a read command and its result both name: the attempt, the data item and the meter. */
export class ReadAttemptDto {
  /** Unique per attempt: `<planDay>|<itemKey>#<attempt>` (an item key can come again in a later plan). */
  @IsString()
  @Length(1, 160)
  commandId!: string;

  /** `<mpan>|<srv>|<dataDay>`: the data item, read once for every requester (R-SCH-6). */
  @IsString()
  @Length(1, 120)
  itemKey!: string;

  /** The day whose plan holds the item. */
  @IsIsoDate()
  planDay!: string;

  @IsMpanCore()
  mpan!: string;

  @IsEui64()
  deviceId!: string;

  /** `CSP-NORTH`, `CSP-CENTRAL`, `CSP-SOUTH` or `S1SP-<id>`. */
  @Matches(/^(CSP-(NORTH|CENTRAL|SOUTH)|S1SP-[A-Z0-9][A-Z0-9-]*)$/, { message: 'provider must be CSP-<region> or S1SP-<id>' })
  provider!: string;

  @Matches(/^\d+(\.\d+)*$/, { message: 'srv must look like 4.8.1' })
  srv!: string;

  @IsIsoDate()
  dataDay!: string;

  @IsInt()
  @Min(1)
  attempt!: number;

  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => RequesterDto)
  requesters!: RequesterDto[];
}

/**
 * The scheduler's instruction to a device adapter: read one data item (an SRV for one settlement
 * day) from one meter now, for these requesters, by the deadline. One command per attempt.
 */
export class ReadCommand extends ReadAttemptDto {
  /** The UTC interval of the data: the settlement day's half hours. */
  @ValidateNested()
  @Type(() => ReadLogPeriodDto)
  readPeriod!: ReadLogPeriodDto;

  @IsIn(READ_KINDS)
  kind!: ReadKind;

  @IsUtcInstant()
  deadline!: string;
}
