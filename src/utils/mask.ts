/** 13812341234 → 138****1234; anything not phone-shaped keeps only its last 4 characters. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (/^\d{11}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return digits.length <= 4 ? '****' : `****${digits.slice(-4)}`;
}
