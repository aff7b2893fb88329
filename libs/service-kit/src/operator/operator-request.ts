import { IsString, Length } from 'class-validator';

/** Who asks for an operator command and why, as the audit (`operator_actions`) records them. */
export class OperatorRequest {
  @IsString() @Length(1, 120)
  requestedBy!: string;

  @IsString() @Length(1, 500)
  reason!: string;
}
