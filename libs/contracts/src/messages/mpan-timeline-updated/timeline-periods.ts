import 'reflect-metadata';
import { CSP_REGIONS, CspRegion, EnergyDirection, HH_CONSENT_STATUSES, HhConsentStatus, SmetsGeneration } from '@halfhour/domain';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { IsEui64, IsIsoDate, IsMpid } from '../../validators/domain-validators';

/** A period from `from` (inclusive) to `to` (exclusive; absent = open-ended). */
export class PeriodDto {
  @IsIsoDate()
  from!: string;

  @IsOptional()
  @IsIsoDate()
  to?: string;
}

export class MdrPeriodDto extends PeriodDto {
  @IsMpid()
  mdrMpid!: string;

  @IsString()
  @Length(1, 64)
  appointmentId!: string;
}

export class SupplierPeriodDto extends PeriodDto {
  @IsMpid()
  supplierMpid!: string;

  @IsString()
  @Length(1, 64)
  registrationId!: string;
}

export class ConsentPeriodDto extends PeriodDto {
  @IsIn(HH_CONSENT_STATUSES)
  status!: HhConsentStatus;
}

export class ServiceProviderDto {
  @IsIn(['CSP', 'S1SP'])
  kind!: 'CSP' | 'S1SP';

  @ValidateIf((p: ServiceProviderDto) => p.kind === 'CSP')
  @IsIn(CSP_REGIONS)
  region?: CspRegion;

  @ValidateIf((p: ServiceProviderDto) => p.kind === 'S1SP')
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/)
  s1spId?: string;
}

export class DevicePeriodDto extends PeriodDto {
  @IsEui64()
  deviceId!: string;

  @IsIn([1, 2])
  generation!: SmetsGeneration;

  @ValidateNested()
  @Type(() => ServiceProviderDto)
  provider!: ServiceProviderDto;

  @IsIn(['IMPORT', 'EXPORT'])
  direction!: EnergyDirection;
}
