import { HH_CONSENT_STATUSES, HhConsentStatus } from '@halfhour/domain';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsIsoDate, IsMpanCore } from '../../validators/domain-validators';

/** The consumer's half-hourly data consent from a date, until the next record (R-REG-5). */
export class HhConsentChanged {
  @IsMpanCore()
  mpan!: string;

  @IsIn(HH_CONSENT_STATUSES)
  status!: HhConsentStatus;

  @IsIsoDate()
  effectiveFrom!: string;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence!: number;
}
