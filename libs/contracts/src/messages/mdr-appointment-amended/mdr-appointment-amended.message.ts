import { MdrAppointed } from '../mdr-appointed/mdr-appointed.message';

/** CSS: an appointment's MDR or dates change; the message states the appointment in full. */
export class MdrAppointmentAmended extends MdrAppointed {}
