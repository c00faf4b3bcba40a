/** A period as people read it: "25 years", "6 years and 3 months", "1 month". */
export function periodWords(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years === 1 ? "1 year" : `${years} years`;
  const m = rest === 1 ? "1 month" : `${rest} months`;
  if (!years) return m;
  return rest ? `${y} and ${m}` : y;
}
