import { MpanTimelineUpdated } from '@halfhour/contracts';
import { MarketRole, mpanCoreFrom } from '@halfhour/domain';

let serial = Math.floor(Math.random() * 1e9);
export function freshMpan(): string {
  return mpanCoreFrom('14', String(serial++).padStart(10, '0'));
}

export const MDR_USER = { userId: '00-00-00-00-00-00-EE-01', mpid: 'MDRA', role: 'MDR' as MarketRole };
export const SUPPLIER_USER = { userId: '00-00-00-00-00-00-EE-02', mpid: 'SUPA', role: 'IS' as MarketRole };

/** An MPAN with one meter since 2025, supplier SUPA and MDR MDRA since 2026 (the MDR's appointment ending on `mdrTo`), opted in. */
export function timeline(mpan: string, deviceId: string, provider: MpanTimelineUpdated['devices'][number]['provider'], mdrTo?: string, version = 1): MpanTimelineUpdated {
  return {
    mpan, version, updatedAt: '2026-11-01T00:00:00Z',
    mdrAppointments: [{ mdrMpid: 'MDRA', appointmentId: `A-${mpan}`, from: '2026-01-01', ...(mdrTo ? { to: mdrTo } : {}) }],
    suppliers: [{ supplierMpid: 'SUPA', registrationId: `R-${mpan}`, from: '2026-01-01' }],
    consent: [{ status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' }],
    devices: [{ deviceId, generation: provider.kind === 'CSP' ? 2 : 1, provider, direction: 'IMPORT', from: '2025-01-01' }],
  };
}
