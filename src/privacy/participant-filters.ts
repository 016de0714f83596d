const PARTICIPANT_KEYS = new Set(['participant', 'participants']);

/**
 * True when a filter expression reaches into a participant through another type
 * (e.g. `filters[participations][participant][fullName]=...` on events): such a query
 * would reveal whether a non-consenting person took part, so it is refused. Only keys
 * count: a filter *value* that happens to say "participant" is fine. The participants
 * endpoint itself filters by consent and is exempt.
 */
export const filtersReachParticipant = (filters: unknown): boolean => {
  if (Array.isArray(filters)) return filters.some(filtersReachParticipant);
  if (typeof filters !== 'object' || filters === null) return false;
  return Object.entries(filters).some(([key, value]) => PARTICIPANT_KEYS.has(key) || filtersReachParticipant(value));
};

/** The same for a sort expression: `participations.participant.fullName:asc`, or its object form. */
export const sortReachesParticipant = (sort: unknown): boolean => {
  if (Array.isArray(sort)) return sort.some(sortReachesParticipant);
  if (typeof sort === 'string') return sort.split(/[.:,]/).some((part) => PARTICIPANT_KEYS.has(part.trim()));
  return filtersReachParticipant(sort);
};
