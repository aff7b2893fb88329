import { CspRegion } from '../registration/registration-event';

/**
 * Which CSP region serves each public distributor's area (the brief's default; a setting in a
 * deployment, as the regions are contractual, not physical).
 */
export const DEFAULT_CSP_REGION_BY_DISTRIBUTOR: Readonly<Record<string, CspRegion>> = {
  '15': 'NORTH', '16': 'NORTH', '17': 'NORTH', '18': 'NORTH', '23': 'NORTH',
  '11': 'CENTRAL', '13': 'CENTRAL', '14': 'CENTRAL', '21': 'CENTRAL',
  '10': 'SOUTH', '12': 'SOUTH', '19': 'SOUTH', '20': 'SOUTH', '22': 'SOUTH',
};
