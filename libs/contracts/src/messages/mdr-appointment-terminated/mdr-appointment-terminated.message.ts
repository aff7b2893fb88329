import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { IsIsoDate, IsMpanCore } from '../../validators/domain-validators';

/** CSS: an appointment ends on a date (exclusive); a termination never extends an appointment. */
export class MdrAppointmentTerminated {
  @IsMpanCore()
  mpan!: string;

  @IsString()
  @Length(1, 64)
  appointmentId!: string;

  @IsIsoDate()
  effectiveTo!: string;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence!: number;
}
