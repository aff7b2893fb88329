import { MARKET_ROLES, MarketRole, REQUEST_PURPOSES, RequestPurpose, TRT_POLICIES, TrtPolicyName } from '@halfhour/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { IsEui64, IsIsoDate, IsMpanCore, IsMpid, IsRequestId, IsUtcInstant } from '../../validators/domain-validators';
import { CONSENT_REFERENCE, ReadLogPeriodDto, ScheduleDto } from '../service-request/service-request.message';

export class SettlementDaysDto {
  @IsIsoDate()
  from!: string;

  /** Exclusive. */
  @IsIsoDate()
  to!: string;
}

export class AppliedTrtDto {
  @IsInt()
  @Min(1)
  seconds!: number;

  @IsIn(['MHHS', 'EXISTING_ON_DEMAND'])
  basis!: 'MHHS' | 'EXISTING_ON_DEMAND';

  @IsIn(TRT_POLICIES)
  policy!: TrtPolicyName;
}

/**
 * A service request access-control authorised, for the scheduler: who asked, which SRV runs on
 * which meter for which settlement days, the TRT it is due within, and what the decision rested on.
 */
export class RequestAuthorised {
  @IsRequestId()
  requestId!: string;

  /** The `hh-message-id` of the service request: the idempotency key downstream. */
  @IsString()
  @Length(1, 64)
  requestMessageId!: string;

  @IsEui64()
  userId!: string;

  @IsMpid()
  mpid!: string;

  @IsIn(MARKET_ROLES)
  role!: MarketRole;

  /** The SRV the user sent (e.g. 5.1). */
  @IsString()
  srv!: string;

  /** The SRV that reads the meter (for a 5.1, the one it schedules). */
  @IsString()
  dataSrv!: string;

  @IsIn(['ON_DEMAND', 'SCHEDULED', 'SCHEDULE_MANAGEMENT'])
  mode!: 'ON_DEMAND' | 'SCHEDULED' | 'SCHEDULE_MANAGEMENT';

  @IsMpanCore()
  mpan!: string;

  @IsEui64()
  deviceId!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SettlementDaysDto)
  days?: SettlementDaysDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReadLogPeriodDto)
  readLogPeriod?: ReadLogPeriodDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  @IsOptional()
  @IsString()
  dspScheduleId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AppliedTrtDto)
  trt?: AppliedTrtDto;

  @IsUtcInstant()
  decidedAt!: string;

  /** decidedAt plus the TRT. */
  @IsOptional()
  @IsUtcInstant()
  dueBy?: string;

  @IsString()
  matrixVersion!: string;

  /** What the data is for (service request version 2); absent: MHHS, as in version 1. */
  @IsOptional()
  @IsIn(REQUEST_PURPOSES)
  purpose?: RequestPurpose;

  /** An Other User's consent reference, as the request carried it and the audit keeps it. */
  @IsOptional()
  @Matches(CONSENT_REFERENCE)
  consentReference?: string;

  /** The version of the MPAN's timeline the decision used (0: none known). */
  @IsInt()
  @Min(0)
  registryVersion!: number;
}
