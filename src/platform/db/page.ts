/** Which page of a list to read, from 1, and how many rows a page holds (the API's `pageQuery`). */
export interface PageRange {
  page: number;
  pageSize: number;
}

/** How many rows come before the page: its SQL offset. */
export const offsetOf = ({ page, pageSize }: PageRange): number => (page - 1) * pageSize;
