import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsIsoDate, IsMpanCore, IsMpid } from '../../validators/domain-validators';

/**
 * CSS: a supplier is registered for an MPAN from a date, until the next registration (R-REG-3).
 * A different supplier is a Change of Supplier: the MDR appointment in force that day ends,
 * unless `mdrAppointmentRetained` says the gaining supplier keeps it.
 */
export class SupplierRegistered {
  @IsMpanCore()
  mpan!: string;

  @IsString()
  @Length(1, 64)
  registrationId!: string;

  @IsMpid()
  supplierMpid!: string;

  @IsIsoDate()
  effectiveFrom!: string;

  @IsOptional()
  @IsBoolean()
  mdrAppointmentRetained?: boolean;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence!: number;
}
