import { EnergyDirection } from '../registration/registration-event';

/** What a service request variant reads or does, as far as access rules care. */
export type SrvDataKind = 'HH_PROFILE' | 'DAILY_READ_LOG' | 'REGISTERS' | 'DAILY_CONSUMPTION' | 'SCHEDULE';

export interface ServiceRequestVariant {
  srv: string;
  title: string;
  dataKind: SrvDataKind;
  /** The energy direction of the MPAN it applies to, when it reads energy data. */
  direction?: EnergyDirection;
  /** DUIS command variants accepted: 1 = to the device via the WAN, 8 = DCC only (non-device). */
  commandVariants: readonly number[];
}

const VIA_WAN = [1] as const;
const DCC_ONLY = [8] as const;

/** The SRVs Halfhour decides (R-ACL-2). Schedules (5.x) act on another SRV, named in the request. */
export const SERVICE_REQUEST_VARIANTS: readonly ServiceRequestVariant[] = [
  { srv: '4.1.1', title: 'Read Instantaneous Import Registers', dataKind: 'REGISTERS', direction: 'IMPORT', commandVariants: VIA_WAN },
  { srv: '4.2', title: 'Read Instantaneous Export Registers', dataKind: 'REGISTERS', direction: 'EXPORT', commandVariants: VIA_WAN },
  { srv: '4.6.1', title: 'Retrieve Import Daily Read Log', dataKind: 'DAILY_READ_LOG', direction: 'IMPORT', commandVariants: VIA_WAN },
  { srv: '4.6.2', title: 'Retrieve Export Daily Read Log', dataKind: 'DAILY_READ_LOG', direction: 'EXPORT', commandVariants: VIA_WAN },
  { srv: '4.8.1', title: 'Read Active Import Profile Data', dataKind: 'HH_PROFILE', direction: 'IMPORT', commandVariants: VIA_WAN },
  { srv: '4.8.2', title: 'Read Reactive Import Profile Data', dataKind: 'HH_PROFILE', direction: 'IMPORT', commandVariants: VIA_WAN },
  { srv: '4.8.3', title: 'Read Export Profile Data', dataKind: 'HH_PROFILE', direction: 'EXPORT', commandVariants: VIA_WAN },
  { srv: '4.17', title: 'Retrieve Import Daily Consumption Log', dataKind: 'DAILY_CONSUMPTION', direction: 'IMPORT', commandVariants: VIA_WAN },
  { srv: '5.1', title: 'Create Schedule', dataKind: 'SCHEDULE', commandVariants: DCC_ONLY },
  { srv: '5.2', title: 'Read Schedule', dataKind: 'SCHEDULE', commandVariants: DCC_ONLY },
  { srv: '5.3', title: 'Delete Schedule', dataKind: 'SCHEDULE', commandVariants: DCC_ONLY },
];

const BY_SRV = new Map(SERVICE_REQUEST_VARIANTS.map((variant) => [variant.srv, variant]));

export function findServiceRequestVariant(srv: string): ServiceRequestVariant | undefined {
  return BY_SRV.get(srv);
}
