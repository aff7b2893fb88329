import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsAfterDate, IsIsoDate, IsMpanCore, IsMpid } from '../../validators/domain-validators';

/** CSS: an MDR is appointed to an MPAN from EFD, until ETD (exclusive) if known (R-REG-1). */
export class MdrAppointed {
  @IsMpanCore()
  mpan!: string;

  /** CSS's identifier of this appointment; amendments and terminations name it. */
  @IsString()
  @Length(1, 64)
  appointmentId!: string;

  @IsMpid()
  mdrMpid!: string;

  @IsIsoDate()
  effectiveFrom!: string;

  @IsOptional()
  @IsIsoDate()
  @IsAfterDate('effectiveFrom')
  effectiveTo?: string;

  /** CSS's sequence number: breaks ties between messages about the same appointment. */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence!: number;
}
