import { purposeOf, ServiceRequest } from '@halfhour/contracts';
import { parseRequestId, ServiceRequestToDecide } from '@halfhour/domain';

/** The contract message as the decision sees it; the contract has already checked every field. */
export function toRequestToDecide(request: ServiceRequest): ServiceRequestToDecide {
  const requestId = parseRequestId(request.requestId);
  if (!requestId) throw new Error(`request ID ${request.requestId} passed validation but does not parse`);
  const { readLogPeriod, schedule, consentReference } = request.body;
  return {
    requestId,
    role: request.role,
    serviceReference: request.serviceReference,
    srv: request.serviceReferenceVariant,
    commandVariant: request.commandVariant,
    mpan: request.mpan,
    createdAt: new Date(request.createdAt),
    purpose: purposeOf(request),
    ...(readLogPeriod ? { readPeriod: { start: new Date(readLogPeriod.start), end: new Date(readLogPeriod.end) } } : {}),
    ...(schedule ? { schedule: { srv: schedule.srv, startDate: schedule.startDate } } : {}),
    ...(consentReference ? { consentReference } : {}),
  };
}
