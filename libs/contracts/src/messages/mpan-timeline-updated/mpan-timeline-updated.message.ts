import { Type } from 'class-transformer';
import { IsArray, IsInt, Min, ValidateNested } from 'class-validator';
import { IsMpanCore, IsUtcInstant } from '../../validators/domain-validators';
import { ConsentPeriodDto, DevicePeriodDto, MdrPeriodDto, SupplierPeriodDto } from './timeline-periods';

/**
 * registration-intake's resolved timeline of one MPAN, after every change. On a compacted topic
 * keyed by MPAN, so access-control and the scheduler can rebuild their own views from it.
 */
export class MpanTimelineUpdated {
  @IsMpanCore()
  mpan!: string;

  /** Increases with every change of the MPAN's timeline; a consumer ignores a lower version. */
  @IsInt()
  @Min(1)
  version!: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MdrPeriodDto)
  mdrAppointments!: MdrPeriodDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SupplierPeriodDto)
  suppliers!: SupplierPeriodDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ConsentPeriodDto)
  consent!: ConsentPeriodDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DevicePeriodDto)
  devices!: DevicePeriodDto[];

  @IsUtcInstant()
  updatedAt!: string;
}
