/**
 * Whether a licence lets us pass a partner's story on to another partner: every Creative Commons
 * licence and CC0 permit sharing (NC ones for non-commercial use, which union syndication is;
 * ND ones verbatim, which a push is). No licence, or all rights reserved: never.
 */
export const allowsRedistribution = (licence: string | null | undefined): boolean =>
  typeof licence === 'string' && (licence === 'CC0-1.0' || /^CC-BY(-NC)?(-SA|-ND)?-\d/.test(licence));
