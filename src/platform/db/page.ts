/** Which page of a list to read, from 1, and how many rows a page holds (the API's `pageQuery`). */
export interface PageRange {
  page: number;
  pageSize: number;
}
