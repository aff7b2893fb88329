import {
  DeviceCommissioned,
  DeviceDecommissioned,
  HhConsentChanged,
  MdrAppointed,
  MdrAppointmentAmended,
  MdrAppointmentTerminated,
  SupplierRegistered,
} from '@halfhour/contracts';
import { RegistrationEvent } from '@halfhour/domain';

export type RegistrationMessage =
  | MdrAppointed
  | MdrAppointmentAmended
  | MdrAppointmentTerminated
  | SupplierRegistered
  | HhConsentChanged
  | DeviceCommissioned
  | DeviceDecommissioned;

/** A validated contract message as the domain's event; the message ID makes it unique. */
export function toRegistrationEvent(messageId: string, body: RegistrationMessage): RegistrationEvent {
  const base = { messageId, mpan: body.mpan, sequence: body.sequence };
  if (body instanceof MdrAppointed) {
    return {
      ...base,
      kind: body instanceof MdrAppointmentAmended ? 'MDR_APPOINTMENT_AMENDED' : 'MDR_APPOINTED',
      appointmentId: body.appointmentId,
      mdrMpid: body.mdrMpid,
      from: body.effectiveFrom,
      ...(body.effectiveTo ? { to: body.effectiveTo } : {}),
    };
  }
  if (body instanceof MdrAppointmentTerminated) {
    return { ...base, kind: 'MDR_APPOINTMENT_TERMINATED', appointmentId: body.appointmentId, to: body.effectiveTo };
  }
  if (body instanceof SupplierRegistered) {
    return {
      ...base,
      kind: 'SUPPLIER_REGISTERED',
      registrationId: body.registrationId,
      supplierMpid: body.supplierMpid,
      from: body.effectiveFrom,
      mdrAppointmentRetained: body.mdrAppointmentRetained ?? false,
    };
  }
  if (body instanceof HhConsentChanged) {
    return { ...base, kind: 'HH_CONSENT_CHANGED', status: body.status, from: body.effectiveFrom };
  }
  if (body instanceof DeviceCommissioned) {
    return {
      ...base,
      kind: 'DEVICE_COMMISSIONED',
      deviceId: body.deviceId,
      generation: body.smetsGeneration,
      provider: body.smetsGeneration === 2 ? { kind: 'CSP', region: body.cspRegion! } : { kind: 'S1SP', s1spId: body.s1spId! },
      direction: body.direction,
      from: body.effectiveFrom,
    };
  }
  return { ...base, kind: 'DEVICE_DECOMMISSIONED', deviceId: body.deviceId, from: body.effectiveFrom };
}

/** The participant a message names and the roles it must hold, if any (R-REG-3, R-REG-4). */
export function requiredParticipant(body: RegistrationMessage): { mpid: string; anyOfRoles: string[] } | undefined {
  if (body instanceof MdrAppointed) return { mpid: body.mdrMpid, anyOfRoles: ['MDR'] };
  if (body instanceof SupplierRegistered) return { mpid: body.supplierMpid, anyOfRoles: ['IS', 'ES'] };
  return undefined;
}
