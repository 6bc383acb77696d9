/**
 * Masking for every view that is not the owner's, the handler's or staff in scope
 * (PRODUCT.md "Rules for everyone"): 张秀兰 → 张*, 13812341234 → 138****1234.
 */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  // The surname only: the length of the given name says nothing either.
  return [...name.trim()][0] + '*';
}

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
