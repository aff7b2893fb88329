/**
 * The JSON body Halfhour POSTs to Elexon's Data Integration Platform (`{DIP_URL}/dip/messages`),
 * as a JSON Schema: several MPAN-days per call, each one DIP message (R-DIP-1; built by
 * `dipMessageFor` in libs/domain, whose output a test validates against this). The call is signed
 * in its headers (X-DIP-Signature-Date, X-DIP-Content-Hash, X-DIP-Signature-Certificate,
 * X-DIP-Signature); the DIP answers 2xx `{ transactionId }`, 4xx refusing the data, or 401/403,
 * 408, 429 and 5xx, which the forwarder retries.
 */
const isoInstant = { type: 'string', format: 'date-time', description: 'ISO 8601 UTC instant.' } as const;

export const DIP_MESSAGE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['common', 'custom'],
  properties: {
    common: {
      type: 'object',
      additionalProperties: false,
      description: "The DIP's common header.",
      required: ['interfaceId', 'schemaVersion', 'eventCode', 'senderDipId', 'senderRole', 'senderUniqueReference', 'timestamp', 'mpanCore', 'distributorId', 'gspGroup', 'recipients'],
      properties: {
        interfaceId: { type: 'string', description: 'The HH data interface, as Elexon names it (setting DIP_INTERFACE_ID).' },
        schemaVersion: { type: 'string', description: 'Version of this shape (setting DIP_SCHEMA_VERSION).' },
        eventCode: { type: 'string', description: 'Setting DIP_EVENT_CODE.' },
        senderDipId: { type: 'string', description: "The DCC's DIP participant ID (setting DIP_SENDER_ID)." },
        senderRole: { type: 'string', description: 'Setting DIP_SENDER_ROLE.' },
        senderUniqueReference: {
          type: 'string', minLength: 1,
          description: 'Names the MPAN-day and its content: the same data always has the same reference (a repeat after a crash is a duplicate the DIP ignores); more complete data has a new one.',
        },
        timestamp: { ...isoInstant, description: 'When the message was made.' },
        mpanCore: { type: 'string', pattern: '^\\d{13}$', description: 'The 13-digit MPAN core.' },
        distributorId: { type: 'string', pattern: '^\\d{2}$', description: 'The MPAN core’s first two digits.' },
        gspGroup: { type: 'string', description: 'The GSP group of the distributor (e.g. _A), or UNKNOWN.' },
        recipients: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'DIP participants it is for (setting DIP_RECIPIENTS).' },
      },
    },
    custom: {
      type: 'object',
      additionalProperties: false,
      description: 'The MPAN-day retrieved.',
      required: ['srv', 'settlementDate', 'periods', 'registers'],
      properties: {
        srv: { type: 'string', description: 'The service request variant the data was read with, e.g. 4.8.1.' },
        settlementDate: { type: 'string', format: 'date', description: 'The settlement day (local), YYYY-MM-DD.' },
        periods: {
          type: 'array', maxItems: 50,
          description: 'Each half hour of the day: 48, or 46 and 50 on the clock-change days.',
          items: {
            type: 'object', additionalProperties: false,
            required: ['utcPeriodStart', 'settlementPeriod', 'quality', 'kwh'],
            properties: {
              utcPeriodStart: { ...isoInstant, description: 'Start of the half hour, UTC.' },
              settlementPeriod: { type: 'integer', minimum: 1, maximum: 50, description: 'Local settlement period number.' },
              quality: { type: 'string', enum: ['ACTUAL', 'MISSING'] },
              kwh: { type: ['number', 'null'], description: 'Energy in the half hour; null when MISSING.' },
            },
          },
        },
        registers: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false,
            required: ['register', 'kwh', 'readAt'],
            properties: { register: { type: 'string' }, kwh: { type: 'number' }, readAt: isoInstant },
          },
        },
      },
    },
  },
} as const;

/** One call's body: the MPAN-days of the call (DIP_BATCH_SIZE at most). */
export const DIP_CALL_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['messages'],
  properties: { messages: { type: 'array', minItems: 1, maxItems: 1000, items: DIP_MESSAGE_SCHEMA } },
} as const;

/** The headers that sign a call (`signDipMessage` in libs/domain makes them). */
export const DIP_CALL_HEADERS_SCHEMA = {
  type: 'object',
  required: ['X-DIP-Signature-Date', 'X-DIP-Content-Hash', 'X-DIP-Signature-Certificate', 'X-DIP-Signature'],
  properties: {
    'X-DIP-Signature-Date': { type: 'string', description: 'When it was signed, ISO 8601 UTC.' },
    'X-DIP-Content-Hash': { type: 'string', description: 'SHA-256 of the body, base64.' },
    'X-DIP-Signature-Certificate': { type: 'string', description: 'The signing certificate registered with Elexon, PEM, base64.' },
    'X-DIP-Signature': { type: 'string', description: 'ECDSA/RSA SHA-256 signature of "<date>\\n<hash>", base64.' },
  },
} as const;
