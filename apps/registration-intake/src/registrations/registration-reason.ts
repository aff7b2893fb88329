/** Reasons registration-intake refuses a message that is well-formed (see docs/registration-intake.md). */
export const RegistrationReason = {
  UnknownMpid: 'UNKNOWN_MPID',
  MpidLacksRole: 'MPID_LACKS_ROLE',
} as const;
