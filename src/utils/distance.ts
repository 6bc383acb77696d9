/** A distance as people say it: 350 米, 1.2 公里 (metres rounded to tens below 1 km). */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} 米`;
  return `${(metres / 1000).toFixed(1)} 公里`;
}
