import { RequestAuthorised, ServiceRequest, ServiceResponse } from '@halfhour/contracts';
import { AccessPolicy, REFUSAL_RESPONSE_CODES, ServiceRequestDecision, SUCCESS_RESPONSE_CODE } from '@halfhour/domain';
import { randomUUID } from 'node:crypto';
import { DecisionRecord } from '../view/access-repository';

export interface DecisionInputs {
  messageId: string;
  request: ServiceRequest;
  userMpid: string | undefined;
  registry: { version: number; updatedAt: Date } | undefined;
  decidedAt: Date;
}

/**
 * The audit record of a decision, with the message it publishes: an authorised request for the
 * scheduler, or a refusal with its E code for the user.
 */
export function decisionRecord(policy: AccessPolicy, decision: ServiceRequestDecision, inputs: DecisionInputs): DecisionRecord {
  const { request, decidedAt } = inputs;
  const userId = request.requestId.split(':')[0];
  const common = {
    messageId: inputs.messageId,
    requestId: request.requestId,
    userId,
    role: request.role,
    srv: request.serviceReferenceVariant,
    mpan: request.mpan,
    decidedAt,
    matrixVersion: policy.matrix.version,
    trtPolicy: policy.trt.policy,
    relationshipPolicy: policy.relationships.version,
    consentReference: request.body.consentReference ?? null,
    registryVersion: inputs.registry?.version ?? 0,
    registryUpdatedAt: inputs.registry?.updatedAt ?? null,
  };
  if (!decision.authorised) {
    const { code } = REFUSAL_RESPONSE_CODES[decision.reason];
    const response: ServiceResponse = {
      requestId: request.requestId,
      userId,
      responseCode: code,
      outcome: 'REFUSED',
      reason: decision.reason,
      message: decision.message.slice(0, 500),
      respondedAt: decidedAt.toISOString(),
    };
    return { ...common, authorised: false, reason: decision.reason, responseCode: code, message: decision.message, output: { kind: 'response', messageId: randomUUID(), body: response } };
  }
  const dueBy = decision.trt ? new Date(decidedAt.getTime() + decision.trt.seconds * 1000) : undefined;
  const authorised: RequestAuthorised = {
    requestId: request.requestId,
    requestMessageId: inputs.messageId,
    userId,
    mpid: inputs.userMpid!,
    role: request.role,
    srv: request.serviceReferenceVariant,
    dataSrv: decision.dataSrv,
    mode: decision.mode,
    mpan: request.mpan,
    deviceId: request.requestId.split(':')[1],
    ...(decision.days ? { days: decision.days } : {}),
    ...(request.body.readLogPeriod ? { readLogPeriod: request.body.readLogPeriod } : {}),
    ...(request.body.schedule ? { schedule: request.body.schedule } : {}),
    ...(request.body.dspScheduleId ? { dspScheduleId: request.body.dspScheduleId } : {}),
    ...(decision.trt ? { trt: decision.trt } : {}),
    decidedAt: decidedAt.toISOString(),
    ...(dueBy ? { dueBy: dueBy.toISOString() } : {}),
    matrixVersion: policy.matrix.version,
    registryVersion: common.registryVersion,
    purpose: decision.purpose,
    ...(request.body.consentReference ? { consentReference: request.body.consentReference } : {}),
  };
  return {
    ...common,
    authorised: true,
    reason: null,
    responseCode: SUCCESS_RESPONSE_CODE,
    message: `authorised ${decision.mode.toLowerCase().replace('_', ' ')} ${decision.dataSrv}`,
    output: { kind: 'authorised', messageId: randomUUID(), body: authorised, ...(dueBy ? { deadline: dueBy.toISOString() } : {}) },
  };
}
