/**
 * Masking for every view that is not the owner's, the handler's or staff in scope (PRODUCT.md
 * "Rules for everyone") — one way, for the server's views and the client's screens alike:
 * 张秀兰 → 张*, 13812341234 → 138****1234.
 */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  // The surname only: the length of the given name says nothing either.
  return [...name.trim()][0] + '*';
}

/**
 * An 11-digit number (spaces ignored) keeps its first 3 and last 4 digits; a shorter one of 7 or
 * more keeps only its last 4 (a local landline); anything shorter shows nothing of itself.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\s+/g, '');
  if (/^\d{11}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return digits.length < 7 ? '****' : `****${digits.slice(-4)}`;
}
