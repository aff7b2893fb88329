import { defineMessage } from '../../topics/topic-definition';
import { SupplierRegistered } from './supplier-registered.message';

export const supplierRegistered = defineMessage<SupplierRegistered>({
  type: 'css.supplier-registered',
  schemaVersion: 1,
  messageClass: SupplierRegistered,
  summary: 'A supplier is registered for an MPAN from a date; a different supplier than before is a Change of Supplier.',
  keyOf: (m) => m.mpan,
  example: { mpan: '1200001234566', registrationId: 'REG-000001', supplierMpid: 'SUPA', effectiveFrom: '2026-01-01', sequence: 1 },
});
