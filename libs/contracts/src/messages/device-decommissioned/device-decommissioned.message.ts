import { IsInt, Max, Min } from 'class-validator';
import { IsEui64, IsIsoDate, IsMpanCore } from '../../validators/domain-validators';

/** Device inventory: an ESME stops serving an MPAN on a date. */
export class DeviceDecommissioned {
  @IsMpanCore()
  mpan!: string;

  @IsEui64()
  deviceId!: string;

  @IsIsoDate()
  effectiveFrom!: string;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence!: number;
}
