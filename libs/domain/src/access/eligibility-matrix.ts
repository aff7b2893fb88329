import { MarketRole } from '../market/market-role';

/**
 * Which roles may send which SRV (R-ACL-2), as data: a versioned table, so a change of policy is a
 * new version of the table, and every decision can say which version it applied.
 */
export interface EligibilityMatrix {
  version: string;
  rolesBySrv: ReadonlyMap<string, ReadonlySet<MarketRole>>;
}

/** The pre-MHHS rows the consultation names. 4.17 and the schedule SRVs are not listed by role
 * there; they follow the suppliers' daily reads (assumption, kept in this one table). */
const PRE_MHHS_ROWS: readonly [string, readonly MarketRole[]][] = [
  ['4.1.1', ['IS', 'GS', 'ED', 'GT']],
  ['4.2', ['ES', 'ED']],
  ['4.6.1', ['IS', 'GS']],
  ['4.6.2', ['ES']],
  ['4.8.1', ['IS', 'GS', 'ED', 'GT', 'OU']],
  ['4.8.2', ['IS', 'ED', 'OU']],
  ['4.8.3', ['ES', 'ED', 'OU']],
  ['4.17', ['IS', 'GS']],
  ['5.1', ['IS', 'ES', 'GS']],
  ['5.2', ['IS', 'ES', 'GS']],
  ['5.3', ['IS', 'ES', 'GS']],
];

/** The MDR's MHHS set (config, R-ACL-2): what the MDR role gets by default. */
export const DEFAULT_MDR_SRVS: readonly string[] = ['4.8.1', '4.8.3', '4.6.1', '4.6.2', '4.1.1', '4.2', '5.1', '5.2', '5.3'];

export function buildEligibilityMatrix(mdrSrvs: readonly string[] = DEFAULT_MDR_SRVS): EligibilityMatrix {
  const rolesBySrv = new Map<string, Set<MarketRole>>(PRE_MHHS_ROWS.map(([srv, roles]) => [srv, new Set(roles)]));
  for (const srv of mdrSrvs) {
    const roles = rolesBySrv.get(srv);
    if (!roles) throw new RangeError(`the MDR set names ${srv}, which the matrix does not know`);
    roles.add('MDR');
  }
  return { version: `pre-mhhs+mdr:${[...mdrSrvs].sort().join(',')}`, rolesBySrv };
}

export function isEligible(matrix: EligibilityMatrix, role: MarketRole, srv: string): boolean {
  return matrix.rolesBySrv.get(srv)?.has(role) ?? false;
}
