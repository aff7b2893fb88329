import { defineMessage } from '../../topics/topic-definition';
import { DccUserUpdated } from './dcc-user-updated.message';

export const dccUserUpdated = defineMessage<DccUserUpdated>({
  type: 'dcc.user-updated',
  schemaVersion: 1,
  messageClass: DccUserUpdated,
  summary: 'The whole record of a DCC user: MPID, roles and signing keys with validity and revocation.',
  keyOf: (m) => m.userId,
  example: {
    userId: '90-B3-D5-1F-30-01-00-01',
    mpid: 'MDRA',
    roles: ['MDR'],
    keys: [
      {
        keyId: 'MDRA-2026-1',
        role: 'MDR',
        publicKeyPem:
          '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEnYqGjYzjpI/NMXIiWlhxdsTU0orj\ndRxvg0XCWIMEOfxEuN1bsbQH6/TR0R0iDFRUblTprXevxuw2EbZoXvLaKg==\n-----END PUBLIC KEY-----\n',
        validFrom: '2026-01-01T00:00:00Z',
        validTo: '2027-01-01T00:00:00Z',
      },
    ],
    updatedAt: '2026-01-01T00:00:00Z',
  },
});
