/**
 * The scheduler's PostgreSQL advisory locks, in the order a holder of several takes them. Taken
 * in this order by everyone, no two holders wait on each other.
 */
export const SCHEDULER_LOCKS = {
  /** Per plan day (with hashtext(day)): one replica plans a day (PlanSession). */
  plan: 165,
  /** Per plan day (with hashtext(day)): its plan writes alone (exclusive), on-demand reads beside each other (shared). */
  dayWrites: 167,
  /** One placer spends spare capacity at a time. */
  placement: 166,
} as const;
