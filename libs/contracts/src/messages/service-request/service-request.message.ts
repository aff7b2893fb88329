import { DEFAULT_PURPOSE, MARKET_ROLES, MarketRole, REQUEST_PURPOSES, RequestPurpose } from '@halfhour/domain';
import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsIsoDate, IsMpanCore, IsRequestId, IsUtcInstant } from '../../validators/domain-validators';

const SRV = /^\d{1,2}(\.\d{1,2}){0,2}$/;

/** An Other User's reference to a consumer's consent: starts with a letter or digit, so no spreadsheet reads it as a formula. */
export const CONSENT_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
const CONSENT_REFERENCE_MESSAGE = 'consentReference must be 1–64 letters, digits or . _ : / -, starting with a letter or digit';

/** The UTC interval [start, end) of logged data to return (DUIS ReadLogPeriod). */
export class ReadLogPeriodDto {
  @IsUtcInstant()
  start!: string;

  @IsUtcInstant()
  end!: string;
}

/** What a 5.1 Create Schedule runs: an SRV, daily, from a settlement day. */
export class ScheduleDto {
  @Matches(SRV, { message: 'srv must be a service reference variant such as 4.8.1' })
  srv!: string;

  @IsIn(['DAILY'])
  frequency!: 'DAILY';

  @IsIsoDate()
  startDate!: string;

  @IsOptional()
  @IsIsoDate()
  endDate?: string;
}

export class ServiceRequestBodyDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => ReadLogPeriodDto)
  readLogPeriod?: ReadLogPeriodDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  /** 5.2 / 5.3: the schedule read or deleted. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  dspScheduleId?: string;

  /** An Other User's reference to the consumer's consent, where the relationship policy asks for one (E29). */
  @IsOptional()
  @Matches(CONSENT_REFERENCE, { message: CONSENT_REFERENCE_MESSAGE })
  consentReference?: string;
}

/**
 * A DCC user's service request in JSON, after DUIS (R-ACL-1, R-ACL-7). The originator in the
 * request ID is the user; its target is the device. `signature` is ECDSA P-256 / SHA-256 over the
 * canonical text of every other field (docs/access-control.md, "Signing a request").
 */
export class ServiceRequest {
  @IsRequestId()
  requestId!: string;

  @IsIn(MARKET_ROLES)
  role!: MarketRole;

  @Matches(SRV, { message: 'serviceReference must look like 4.8' })
  serviceReference!: string;

  @Matches(SRV, { message: 'serviceReferenceVariant must look like 4.8.1' })
  serviceReferenceVariant!: string;

  /** 1 = to the device via the WAN; 8 = DCC only (non-device, e.g. 5.1). */
  @IsInt()
  @Min(1)
  @Max(8)
  commandVariant!: number;

  @IsMpanCore()
  mpan!: string;

  @IsUtcInstant()
  createdAt!: string;

  @ValidateNested()
  @Type(() => ServiceRequestBodyDto)
  body!: ServiceRequestBodyDto;

  /** Base64 DER ECDSA signature; a request without one is refused (E13), not dead-lettered. */
  @IsOptional()
  @IsBase64()
  signature?: string;
}

/**
 * Version 2 of the service request (REQ-3: a new DUIS version, not a flag in the old one): the
 * same, and what its data is for. Signed like every other field. Version 1 means MHHS.
 */
export class ServiceRequestV2 extends ServiceRequest {
  @IsIn(REQUEST_PURPOSES)
  purpose!: RequestPurpose;
}

/** A request's purpose: version 2 says it; version 1 means MHHS. */
export function purposeOf(request: ServiceRequest | ServiceRequestV2): RequestPurpose {
  return 'purpose' in request && request.purpose ? request.purpose : DEFAULT_PURPOSE;
}
