/**
 * DCC user roles and market roles as the brief names them. MDR is new with MP162.
 * IS/ES/GS: import/export/gas supplier; ED: electricity distributor; GT: gas transporter;
 * RSA: registered supplier agent; OU: other user; MDR: meter data retriever.
 */
export const MARKET_ROLES = ['IS', 'ES', 'GS', 'ED', 'GT', 'RSA', 'OU', 'MDR'] as const;

export type MarketRole = (typeof MARKET_ROLES)[number];

export function isMarketRole(candidate: string): candidate is MarketRole {
  return (MARKET_ROLES as readonly string[]).includes(candidate);
}
