import { CSP_REGIONS, CspRegion, EnergyDirection, SmetsGeneration } from '@halfhour/domain';
import { IsIn, IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsEui64, IsIsoDate, IsMpanCore } from '../../validators/domain-validators';

/**
 * Device inventory: an electricity meter (ESME) serves an MPAN from a date (R-REG-6). SMETS2 meters
 * are reached through the CSP of their region; SMETS1 meters through their S1SP.
 */
export class DeviceCommissioned {
  @IsMpanCore()
  mpan!: string;

  @IsEui64()
  deviceId!: string;

  @IsIn([1, 2])
  smetsGeneration!: SmetsGeneration;

  @ValidateIf((device: DeviceCommissioned) => device.smetsGeneration === 2 || device.cspRegion !== undefined)
  @IsIn(CSP_REGIONS, { message: 'cspRegion must be one of NORTH, CENTRAL, SOUTH for a SMETS2 meter, and absent for SMETS1' })
  cspRegion?: CspRegion;

  @ValidateIf((device: DeviceCommissioned) => device.smetsGeneration === 1 || device.s1spId !== undefined)
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 's1spId must name the S1SP (upper-case letters, digits, hyphens) for a SMETS1 meter' })
  s1spId?: string;

  @IsIn(['IMPORT', 'EXPORT'])
  direction!: EnergyDirection;

  @IsIsoDate()
  effectiveFrom!: string;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence!: number;
}
